"""Understanding the question: the one place that reads the raw question text."""

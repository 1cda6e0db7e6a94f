"""Carbon Partner Assistant: cited answers for the supply-chain carbon reduction program."""

__version__ = "0.1.0"

"""The staff review console: answer log, sources, verdicts, corrections that become eval cases."""

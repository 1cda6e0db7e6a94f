"""One small exception tree. The core raises; adapters turn these into messages."""


class CarbonbotError(Exception):
    """Base of every error the project raises on purpose."""


class ConfigError(CarbonbotError):
    """A setting or secret is missing or malformed; the message names it."""


class IngestError(CarbonbotError):
    """A knowledge file could not be loaded; the message names file, row and field."""


class IndexNotReady(CarbonbotError):
    """No index has been built yet in the data dir."""


class AccessDenied(CarbonbotError):
    """The asker may not see what was asked for."""

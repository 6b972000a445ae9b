"""All models in one namespace, like ``speechmatics.batch._models``."""

from smdesk.batch.config import *  # noqa: F403
from smdesk.batch.config import __all__ as _config_all
from smdesk.batch.connection import ConnectionConfig
from smdesk.batch.enums import *  # noqa: F403
from smdesk.batch.enums import __all__ as _enums_all
from smdesk.batch.results import *  # noqa: F403
from smdesk.batch.results import __all__ as _results_all

__all__ = [*_config_all, *_enums_all, *_results_all, "ConnectionConfig"]

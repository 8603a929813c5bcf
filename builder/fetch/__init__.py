"""`innsyn fetch`: refresh data/ from SSB Klass, SSB PxWebApi v2, Udir's statistics and DFØ's state accounts."""

from builder.fetch.client import USER_AGENT, Client, FetchError
from builder.fetch.refresh import ENDPOINTS, SOURCES, fetch

__all__ = ["ENDPOINTS", "SOURCES", "USER_AGENT", "Client", "FetchError", "fetch"]

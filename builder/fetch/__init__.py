"""`innsyn fetch`: refresh the reference tables in data/ from SSB Klass, SSB PxWebApi v2 and Udir's statistics."""

from builder.fetch.client import USER_AGENT, Client, FetchError
from builder.fetch.refresh import ENDPOINTS, SOURCES, fetch

__all__ = ["ENDPOINTS", "SOURCES", "USER_AGENT", "Client", "FetchError", "fetch"]

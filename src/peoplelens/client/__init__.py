"""The PeopleLens Python SDK: ``PeopleLens(base_url, api_key)`` and ``AsyncPeopleLens``.

Imports only the standard library, httpx and pydantic (a structure test keeps it so): it ships
alone as the ``peoplelens-client`` distribution (clients/python/).
"""

from peoplelens.client import models, webhooks
from peoplelens.client._async_client import AsyncPager, AsyncPeopleLens
from peoplelens.client._core import Call
from peoplelens.client._pages import Page, Pagination
from peoplelens.client._sync_client import PeopleLens, SyncPager
from peoplelens.client.errors import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PeopleLensError,
    PermissionDeniedError,
    RateLimitError,
)

__all__ = [
    "APIConnectionError",
    "APIError",
    "AsyncPager",
    "AsyncPeopleLens",
    "AuthenticationError",
    "Call",
    "ConflictError",
    "InvalidRequestError",
    "NotFoundError",
    "Page",
    "Pagination",
    "PeopleLens",
    "PeopleLensError",
    "PermissionDeniedError",
    "RateLimitError",
    "SyncPager",
    "models",
    "webhooks",
]

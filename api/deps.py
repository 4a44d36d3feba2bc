"""FastAPI dependencies shared by the routers: the query runner, the settings, paging parameters."""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field, model_validator
from starlette.datastructures import URL

from policykg.settings import Settings

from .runner import DEFAULT_PAGE_SIZE, MAX_OFFSET, MAX_PAGE_SIZE, PageResult, QueryRunner


def _runner(request: Request) -> QueryRunner:
    return request.app.state.runner


def _settings(request: Request) -> Settings:
    return request.app.state.settings


Runner = Annotated[QueryRunner, Depends(_runner)]
AppSettings = Annotated[Settings, Depends(_settings)]


@dataclass
class Paging:
    offset: int
    limit: int


# the request a page answers, for its `next` link (set by the paging dependency, read by Page.of)
_REQUEST_URL: ContextVar[URL | None] = ContextVar("policykg_page_url", default=None)


async def _paging(  # async: it runs in the request's own context, so the URL it sets reaches the route
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="at most this many items")] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many items")] = 0,
) -> Paging:
    _REQUEST_URL.set(request.url)
    return Paging(offset, limit)


PagingDep = Annotated[Paging, Depends(_paging)]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list, with the total over all pages."""

    items: list[T]
    total: int = Field(description="items matching the request, over all pages")
    offset: int = Field(description="items skipped before this page")
    limit: int = Field(description="the page size asked for")
    truncated: bool = Field(False, description="true when the store's row cap cut the result: total is then a lower bound")
    next: str | None = Field(None, description="the path and query of the next page; null on the last page")
    stale: bool = Field(False, description="true while the listing is read again after a change of the store that "
                        "took longer than POLICYKG_LISTING_WAIT_MS: this page and total follow the listing before the "
                        "change (each item as the store holds it now; items added since are not listed yet, removed "
                        "ones are left out). Ask again shortly")

    @classmethod
    def of(cls, result: PageResult, items: list) -> "Page":
        return cls(items=items, total=result.total, offset=result.offset, limit=result.limit,
                   truncated=result.truncated, next=next_link(result.offset, result.limit, result.total),
                   stale=result.stale)

    @model_validator(mode="after")
    def _link(self) -> "Page":
        if self.next is None:
            self.next = next_link(self.offset, self.limit, self.total)
        return self


def next_link(offset: int, limit: int, total: int) -> str | None:
    """The same request with the offset of the following page, while there is one."""
    url = _REQUEST_URL.get()
    if url is None or offset + limit >= total:
        return None
    query = url.include_query_params(offset=offset + limit, limit=limit).query
    return f"{url.path}?{query}"

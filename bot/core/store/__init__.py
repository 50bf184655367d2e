"""Persistence: one async interface (:class:`~bot.core.store.base.Store`), two backends."""

from bot.core.store.base import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]

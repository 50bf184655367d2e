"""whosaid: find who said a quote in the news articles a community feeds it.

The package splits into ``bot.core`` (extraction, store, search, ingestion, digest;
no discord import) and the Discord layer (``bot.client`` and the ``cogs`` package).
"""

__version__ = "0.1.0"

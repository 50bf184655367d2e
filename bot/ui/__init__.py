"""Discord-side rendering: embeds within Discord's limits, escaping, paginator and pickers."""

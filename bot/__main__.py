"""``python -m bot`` runs the Discord bot with the settings from the environment and ``.env``."""

from bot.client import main

raise SystemExit(main())

"""discord.py cogs: thin command layers over ``bot.core``."""

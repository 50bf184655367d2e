"""The core: everything that works without Discord, shared by the CLI and the bot."""

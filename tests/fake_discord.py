"""A small fake Discord (REST + gateway) on 127.0.0.1 that the real discord.py client talks to.

It serves just enough of the API for the bot's flows: login, READY and GUILD_CREATE over a
websocket, MESSAGE_CREATE and INTERACTION_CREATE dispatched by the test, message create and
edit, interaction callbacks, webhook follow-ups and slash command sync. Every REST request is
recorded (method, path, query, JSON body — the ``payload_json`` part for multipart bodies) and
tests wait for the one they expect on an :class:`asyncio.Condition`, never by sleeping.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000
TOKEN = "fake-token"
JSON = "application/json"

BOT_ID = 100_000_000_000_000_001
GUILD_ID = 200_000_000_000_000_001
CHANNEL_ID = 300_000_000_000_000_001
ADMIN_ROLE_ID = 400_000_000_000_000_001

#: Permission bits (see Discord's docs): what @everyone may do and what the admin role adds.
VIEW_SEND_EMBED_HISTORY = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31)
MANAGE_GUILD = 1 << 5
#: The privileged intent ``reject_intents`` refuses, as Discord does for unverified bots.
MESSAGE_CONTENT_INTENT = 1 << 15


@dataclass(frozen=True, slots=True)
class FakeUser:
    """A Discord account in the fake guild."""

    id: int
    name: str
    roles: tuple[int, ...] = ()
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        """The user object."""
        return {
            "id": str(self.id),
            "username": self.name.lower(),
            "global_name": self.name,
            "discriminator": "0",
            "avatar": None,
            "bot": self.bot,
        }

    def member(self) -> dict[str, Any]:
        """The guild member object (without ``user``, as in messages)."""
        return {
            "roles": [str(r) for r in self.roles],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
        }


BOT = FakeUser(BOT_ID, "whosaid", bot=True)
ALICE = FakeUser(500_000_000_000_000_001, "Alice", roles=(ADMIN_ROLE_ID,))
BOB = FakeUser(500_000_000_000_000_002, "Bob")


def dm_channel_id(user: FakeUser) -> int:
    """The id of the bot's DM channel with ``user``."""
    return 700_000_000_000_000_000 + user.id % 10**12


@dataclass(slots=True)
class Recorded:
    """One REST request the bot made."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> dict[str, Any] | None:
        """The message-like part of the body: ``data`` of an interaction callback, else the body."""
        if not isinstance(self.body, dict):
            return None
        if self.path.endswith("/callback"):
            data = self.body.get("data")
            return data if isinstance(data, dict) else None
        return self.body

    def sends_text(self) -> bool:
        """Whether this request posts or edits message text or embeds."""
        data = self.payload()
        return data is not None and ("content" in data or "embeds" in data)

    def embeds(self) -> list[dict[str, Any]]:
        """The embeds this request sends (empty when none)."""
        data = self.payload() or {}
        embeds = data.get("embeds") or []
        return [e for e in embeds if isinstance(e, dict)]


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _parse_multipart(content_type: str, body: bytes) -> Any:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    for part in msg.iter_parts():
        if part.get_param("name", header="content-disposition") == "payload_json":
            raw = part.get_payload(decode=True)
            if isinstance(raw, bytes):
                return json.loads(raw.decode())
    return None


class FakeDiscord:
    """The fake server. ``await start()``, point the bot at :attr:`api_base` and
    :attr:`gateway_url`, then drive it with :meth:`send_message`, :meth:`slash`,
    :meth:`autocomplete` and :meth:`click`."""

    def __init__(
        self,
        *,
        users: Iterable[FakeUser] = (ALICE, BOB),
        owner: FakeUser = ALICE,
        token: str = TOKEN,
        reject_intents: bool = False,
        recommended_shards: int = 1,
    ) -> None:
        self.users = {u.id: u for u in (BOT, *users)}
        self.owner = owner
        self.token = token
        self.reject_intents = reject_intents
        self.requests: list[Recorded] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.originals: dict[str, int] = {}
        self.clicked: dict[str, int] = {}
        self._loading: set[str] = set()
        self.attachments: dict[int, tuple[str, bytes]] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.identify: dict[str, Any] | None = None
        #: Every IDENTIFY payload, in order; ``/gateway/bot`` recommends this many shards.
        self.identifies: list[dict[str, Any]] = []
        self.recommended_shards = recommended_shards
        self._shard_of: dict[web.WebSocketResponse, tuple[int, int]] = {}
        #: Channels that answer posts with 404 Unknown Channel (deleted) or 403 Missing Access.
        self.missing_channels: set[int] = set()
        self.forbidden_channels: set[int] = set()
        #: Called with every recorded request (the serving bench matches replies with it in
        #: O(1) instead of waking every waiter on every request).
        self.listeners: list[Callable[[Recorded], None]] = []
        self._counter = itertools.count(1)
        self._seq = itertools.count(1)
        self._sockets: set[web.WebSocketResponse] = set()
        self._cond = asyncio.Condition()
        self._ready = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.app = self._build_app()

    def _new_id(self) -> int:
        # A snowflake of "now": discord.py dates interactions by their id and treats old
        # ones as expired (then it stops answering through the interaction).
        ms = int(datetime.now(UTC).timestamp() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._counter) & 0x3FFFFF)

    # -- lifecycle ----------------------------------------------------------------------------
    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """What ``discord.http.Route.BASE`` must be."""
        return self.base + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """The websocket URL."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        """Listen on a random free port of 127.0.0.1."""
        self._runner = web.AppRunner(self.app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def close(self) -> None:
        """Close the sockets and stop serving."""
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def wait_identified(self, timeout: float = 5, count: int = 1) -> None:  # noqa: ASYNC109
        """Until ``count`` gateway connections have identified (READY sent)."""
        await asyncio.wait_for(self._ready.wait(), timeout)
        async with self._cond:
            await asyncio.wait_for(
                self._cond.wait_for(lambda: len(self.identifies) >= count), timeout
            )

    # -- recording ----------------------------------------------------------------------------
    def mark(self) -> int:
        """A position in the request log; pass it as ``since`` to wait for later requests."""
        return len(self.requests)

    def posts(self, channel_id: int = CHANNEL_ID, since: int = 0) -> list[Recorded]:
        """Messages the bot posted in a channel (not interaction answers), oldest first."""
        path = f"/channels/{channel_id}/messages"
        return [r for r in self.requests[since:] if r.method == "POST" and r.path == path]

    async def _record(self, request: web.Request) -> Recorded:
        raw = await request.read()
        ctype = request.headers.get("Content-Type", "")
        body: Any = None
        if raw:
            if ctype.startswith("multipart/"):
                body = _parse_multipart(ctype, raw)
            else:
                try:
                    body = json.loads(raw.decode())
                except (UnicodeDecodeError, json.JSONDecodeError):
                    body = raw
        path = request.path.removeprefix(API_PREFIX)
        rec = Recorded(request.method, path, dict(request.query), body, dict(request.headers))
        for listener in self.listeners:
            listener(rec)
        async with self._cond:
            self.requests.append(rec)
            self._cond.notify_all()
        return rec

    async def wait_for_request(
        self,
        predicate: Callable[[Recorded], bool],
        *,
        since: int = 0,
        timeout: float = 5,  # noqa: ASYNC109 - the helper's documented signature
    ) -> Recorded:
        """The first request at or after ``since`` matching ``predicate``, waiting for it."""
        found: list[Recorded] = []

        def check() -> bool:
            for rec in self.requests[since:]:
                if predicate(rec):
                    found.append(rec)
                    return True
            return False

        async with self._cond:
            await asyncio.wait_for(self._cond.wait_for(check), timeout)
        return found[0]

    # -- gateway ------------------------------------------------------------------------------
    async def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Send a gateway DISPATCH to the connections whose shard has its server (as Discord
        does: a DM goes to shard 0); the number of connections it went to."""
        msg = json.dumps({"op": 0, "t": event, "s": next(self._seq), "d": data})
        guild = data.get("guild_id")
        sent = 0
        for ws in list(self._sockets):
            if self.has_guild(ws, int(guild) if guild else None):
                await ws.send_str(msg)
                sent += 1
        return sent

    def has_guild(self, ws: web.WebSocketResponse, guild_id: int | None) -> bool:
        """Whether a connection gets ``guild_id``'s events: an unsharded one gets them all,
        a sharded one those of ``(guild_id >> 22) % count``."""
        if ws not in self._shard_of:
            return True
        shard, count = self._shard_of[ws]
        return (guild_id >> 22) % count == shard if guild_id is not None else shard == 0

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.add(ws)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 45000}})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                op = frame.get("op")
                if op == 1:
                    await ws.send_json({"op": 11})
                elif op == 2:
                    await self._on_identify(ws, frame["d"])
                elif op == 6:
                    await ws.send_json({"op": 0, "t": "RESUMED", "s": next(self._seq), "d": {}})
        finally:
            self._sockets.discard(ws)
            self._shard_of.pop(ws, None)
        return ws

    async def _on_identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.identify = data
        shard = data.get("shard")
        if shard:
            self._shard_of[ws] = (int(shard[0]), int(shard[1]))
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        if self.reject_intents and int(data.get("intents", 0)) & MESSAGE_CONTENT_INTENT:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        mine = self.has_guild(ws, GUILD_ID)
        ready = {
            "v": 10,
            "user": {**BOT.payload(), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}] if mine else [],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(BOT_ID), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if shard:
            ready["shard"] = shard
        await ws.send_json({"op": 0, "t": "READY", "s": next(self._seq), "d": ready})
        if mine:
            await ws.send_json(
                {"op": 0, "t": "GUILD_CREATE", "s": next(self._seq), "d": self.guild_payload()}
            )
        async with self._cond:
            self.identifies.append(data)
            self._cond.notify_all()
        self._ready.set()

    def guild_payload(self) -> dict[str, Any]:
        """The test guild: one text channel, @everyone and an admin role, the members."""
        return {
            "id": str(GUILD_ID),
            "name": "Newsroom",
            "icon": None,
            "owner_id": str(self.owner.id),
            "unavailable": False,
            "member_count": len(self.users),
            "large": False,
            "features": [],
            "emojis": [],
            "stickers": [],
            "voice_states": [],
            "presences": [],
            "threads": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "preferred_locale": "en-US",
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "system_channel_flags": 0,
            "joined_at": "2024-01-01T00:00:00+00:00",
            "roles": [
                self._role(GUILD_ID, "@everyone", VIEW_SEND_EMBED_HISTORY, 0),
                self._role(ADMIN_ROLE_ID, "Admin", VIEW_SEND_EMBED_HISTORY | MANAGE_GUILD, 1),
            ],
            "channels": [self.channel_payload()],
            "members": [{**u.member(), "user": u.payload()} for u in self.users.values()],
        }

    @staticmethod
    def _role(role_id: int, name: str, permissions: int, position: int) -> dict[str, Any]:
        return {
            "id": str(role_id),
            "name": name,
            "permissions": str(permissions),
            "position": position,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }

    @staticmethod
    def channel_payload() -> dict[str, Any]:
        """The one text channel."""
        return {
            "id": str(CHANNEL_ID),
            "type": 0,
            "guild_id": str(GUILD_ID),
            "name": "news",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
        }

    def permissions_of(self, user: FakeUser) -> int:
        """What ``user`` may do in the guild (for interaction payloads)."""
        perms = VIEW_SEND_EMBED_HISTORY
        if ADMIN_ROLE_ID in user.roles:
            perms |= MANAGE_GUILD
        return perms

    # -- messages -----------------------------------------------------------------------------
    def _message(
        self, channel_id: int, author: FakeUser, body: dict[str, Any], msg_id: int | None = None
    ) -> dict[str, Any]:
        msg_id = msg_id or self._new_id()
        msg = {
            "id": str(msg_id),
            "channel_id": str(channel_id),
            "guild_id": str(GUILD_ID),
            "author": author.payload(),
            "content": body.get("content") or "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": body.get("attachments") or [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": int(body.get("flags") or 0),
        }
        self.messages[msg_id] = msg
        return msg

    def _edit(self, msg_id: int, body: dict[str, Any]) -> dict[str, Any]:
        msg = self.messages[msg_id]
        for key in ("content", "embeds", "components", "flags"):
            if key in body:
                msg[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
        msg["edited_timestamp"] = _now()
        return msg

    def add_attachment(self, filename: str, data: bytes) -> dict[str, Any]:
        """An uploaded file the bot can download from this server."""
        att_id = self._new_id()
        self.attachments[att_id] = (filename, data)
        url = f"{self.base}/attachments/{att_id}/{filename}"
        return {
            "id": str(att_id),
            "filename": filename,
            "size": len(data),
            "url": url,
            "proxy_url": url,
            "content_type": "text/plain; charset=utf-8",
        }

    async def send_message(
        self,
        author: FakeUser,
        content: str,
        *,
        channel_id: int = CHANNEL_ID,
        attachments: list[dict[str, Any]] | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """A user posts ``content`` in the channel, or in a DM with the bot (MESSAGE_CREATE)."""
        msg = self._message(channel_id, author, {"content": content, "attachments": attachments})
        if dm:
            msg.pop("guild_id")
            await self.dispatch("MESSAGE_CREATE", msg)
        else:
            await self.dispatch("MESSAGE_CREATE", {**msg, "member": author.member()})
        return msg

    async def ask(self, author: FakeUser, content: str, **kwargs: Any) -> Recorded:
        """Post ``content`` and wait for the bot's next message in the channel."""
        since = self.mark()
        channel = kwargs.get("channel_id", CHANNEL_ID)
        await self.send_message(author, content, **kwargs)
        return await self.wait_for_request(
            lambda r: r.method == "POST" and r.path == f"/channels/{channel}/messages",
            since=since,
        )

    # -- interactions -------------------------------------------------------------------------
    def _interaction(self, user: FakeUser, kind: int, data: dict[str, Any]) -> dict[str, Any]:
        iid = self._new_id()
        return {
            "id": str(iid),
            "application_id": str(BOT_ID),
            "type": kind,
            "token": f"itoken-{iid}",
            "version": 1,
            "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNEL_ID),
            "channel": self.channel_payload(),
            "member": {
                **user.member(),
                "user": user.payload(),
                "permissions": str(self.permissions_of(user)),
            },
            "app_permissions": str(VIEW_SEND_EMBED_HISTORY),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
            "data": data,
        }

    async def slash(
        self,
        user: FakeUser,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        resolved: dict[str, Any] | None = None,
        focused: str | None = None,
    ) -> dict[str, Any]:
        """``/name option:value`` (or ``/name subcommand ...``); autocomplete when ``focused``."""
        opts: list[dict[str, Any]] = []
        for key, value in (options or {}).items():
            kind = 3
            if isinstance(value, dict) and "attachment" in value:
                kind, value = 11, value["attachment"]
            opt = {"name": key, "type": kind, "value": value}
            if key == focused:
                opt["focused"] = True
            opts.append(opt)
        if subcommand:
            opts = [{"name": subcommand, "type": 1, "options": opts}]
        data: dict[str, Any] = {"id": str(self._new_id()), "name": name, "type": 1}
        if opts:
            data["options"] = opts
        if resolved:
            data["resolved"] = resolved
        payload = self._interaction(user, 4 if focused else 2, data)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def autocomplete(
        self, user: FakeUser, name: str, option: str, typed: str, **kwargs: Any
    ) -> list[dict[str, Any]]:
        """Type ``typed`` into ``option`` of ``/name`` and return the choices the bot offers."""
        since = self.mark()
        inter = await self.slash(user, name, {option: typed}, focused=option, **kwargs)
        rec = await self.wait_for_request(self.for_interaction(inter), since=since)
        choices = (rec.payload() or {}).get("choices")
        assert isinstance(choices, list), rec.body
        return choices

    async def click(
        self,
        user: FakeUser,
        message_id: int,
        custom_id: str,
        *,
        values: list[str] | None = None,
    ) -> dict[str, Any]:
        """Press a button (or pick ``values`` in a select) on a message the bot sent."""
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": 2}
        if values is not None:
            data = {"custom_id": custom_id, "component_type": 3, "values": values}
        payload = self._interaction(user, 3, data)
        payload["message"] = self.messages[message_id]
        self.clicked[payload["token"]] = message_id
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def message_command(
        self, user: FakeUser, name: str, target: dict[str, Any]
    ) -> dict[str, Any]:
        """Right-click ``target`` (a message dict) and pick the app command ``name``."""
        data = {
            "id": str(self._new_id()),
            "name": name,
            "type": 3,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
        }
        payload = self._interaction(user, 2, data)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def guild_delete(self, *, unavailable: bool) -> None:
        """GUILD_DELETE: the bot was removed (or, with ``unavailable``, an outage)."""
        data: dict[str, Any] = {"id": str(GUILD_ID)}
        if unavailable:
            data["unavailable"] = True
        await self.dispatch("GUILD_DELETE", data)

    @staticmethod
    def for_interaction(inter: dict[str, Any]) -> Callable[[Recorded], bool]:
        """Predicate: a request answering this interaction (callback, webhook, original)."""
        token = inter["token"]
        return lambda r: token in r.path

    # -- REST ---------------------------------------------------------------------------------
    def _build_app(self) -> web.Application:
        app = web.Application()
        r = app.router
        p = API_PREFIX
        r.add_get("/gateway", self._gateway)
        r.add_get(p + "/gateway", self._get_gateway)
        r.add_get(p + "/gateway/bot", self._get_gateway)
        r.add_get(p + "/users/@me", self._me)
        r.add_post(p + "/users/@me/channels", self._open_dm)
        r.add_get(p + "/oauth2/applications/@me", self._app_info)
        r.add_route("*", p + "/applications/{app}/commands", self._commands)
        r.add_route("*", p + "/applications/{app}/guilds/{guild}/commands", self._commands)
        r.add_post(p + "/channels/{channel}/messages", self._create_message)
        r.add_route("*", p + "/channels/{channel}/messages/{message}", self._message_route)
        r.add_post(p + "/channels/{channel}/typing", self._no_content)
        r.add_post(p + "/interactions/{iid}/{token}/callback", self._callback)
        r.add_post(p + "/webhooks/{app}/{token}", self._followup)
        r.add_route("*", p + "/webhooks/{app}/{token}/messages/{message}", self._webhook_message)
        r.add_get("/attachments/{att}/{name}", self._attachment)
        r.add_route("*", p + "/{tail:.*}", self._unknown)
        return app

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        # discord.py parses JSON only when the Content-Type is exactly application/json.
        body = json.dumps(data).encode()
        return web.Response(body=body, status=status, headers={"Content-Type": JSON})

    def _authorized(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bot {self.token}"

    async def _get_gateway(self, request: web.Request) -> web.Response:
        await self._record(request)
        return self._json(
            {
                "url": self.gateway_url,
                "shards": self.recommended_shards,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def _me(self, request: web.Request) -> web.Response:
        await self._record(request)
        if not self._authorized(request):
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        return self._json({**BOT.payload(), "verified": True, "mfa_enabled": False, "flags": 0})

    async def _app_info(self, request: web.Request) -> web.Response:
        await self._record(request)
        return self._json(
            {
                "id": str(BOT_ID),
                "name": "whosaid",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.owner.payload(),
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "summary": "",
                "rpc_origins": [],
                "interactions_endpoint_url": None,
            }
        )

    async def _commands(self, request: web.Request) -> web.Response:
        rec = await self._record(request)
        key = request.match_info.get("guild", "global")
        if request.method == "PUT":
            out = []
            for cmd in rec.body or []:
                out.append(
                    {
                        "id": str(self._new_id()),
                        "application_id": str(BOT_ID),
                        "version": "1",
                        "type": 1,
                        "options": [],
                        "default_member_permissions": None,
                        "dm_permission": True,
                        "nsfw": False,
                        "description": "",  # context menu commands have none
                        **cmd,
                    }
                )
            self.commands[key] = out
        return self._json(self.commands.get(key, []))

    async def _create_message(self, request: web.Request) -> web.Response:
        rec = await self._record(request)
        body = rec.body if isinstance(rec.body, dict) else {}
        channel = int(request.match_info["channel"])
        if channel in self.missing_channels:
            return self._json({"message": "Unknown Channel", "code": 10003}, 404)
        if channel in self.forbidden_channels:
            return self._json({"message": "Missing Permissions", "code": 50013}, 403)
        return self._json(self._message(int(request.match_info["channel"]), BOT, body))

    async def _message_route(self, request: web.Request) -> web.Response:
        rec = await self._record(request)
        msg_id = int(request.match_info["message"])
        if msg_id not in self.messages:
            return self._json({"message": "Unknown Message", "code": 10008}, 404)
        if request.method == "PATCH":
            return self._json(self._edit(msg_id, rec.body or {}))
        if request.method == "DELETE":
            self.messages.pop(msg_id)
            return web.Response(status=204)
        return self._json(self.messages[msg_id])

    async def _no_content(self, request: web.Request) -> web.Response:
        await self._record(request)
        return web.Response(status=204)

    async def _callback(self, request: web.Request) -> web.Response:
        rec = await self._record(request)
        body = rec.body if isinstance(rec.body, dict) else {}
        kind = int(body.get("type", 0))
        data = body.get("data") or {}
        token = request.match_info["token"]
        iid = request.match_info["iid"]
        info: dict[str, Any] = {"id": iid, "type": 2}
        resource: dict[str, Any] | None = None
        if kind in (4, 5):
            msg = self._message(
                CHANNEL_ID, BOT, data if kind == 4 else {"flags": data.get("flags")}
            )
            self.originals[token] = int(msg["id"])
            if kind == 5:
                self._loading.add(token)
            info.update(
                response_message_id=msg["id"],
                response_message_loading=kind == 5,
                response_message_ephemeral=bool(int(data.get("flags") or 0) & 64),
            )
            if kind == 4:
                resource = {"type": 4, "message": msg}
        elif kind == 7:
            message = self.clicked.get(token)
            if message is not None:
                msg = self._edit(message, data)
                info["response_message_id"] = msg["id"]
                resource = {"type": 7, "message": msg}
        out: dict[str, Any] = {"interaction": info}
        if resource is not None:
            out["resource"] = resource
        return self._json(out)

    async def _followup(self, request: web.Request) -> web.Response:
        rec = await self._record(request)
        body = rec.body if isinstance(rec.body, dict) else {}
        token = request.match_info["token"]
        original = self.originals.get(token)
        if original is not None and token in self._loading:
            # The first follow-up after a defer replaces the "thinking" message.
            self._loading.discard(token)
            return self._json(self._edit(original, body))
        msg = self._message(CHANNEL_ID, BOT, body)
        return self._json(msg)

    async def _webhook_message(self, request: web.Request) -> web.Response:
        rec = await self._record(request)
        token = request.match_info["token"]
        ref = request.match_info["message"]
        msg_id = self.originals.get(token) if ref == "@original" else int(ref)
        if msg_id is None or msg_id not in self.messages:
            return self._json({"message": "Unknown Message", "code": 10008}, 404)
        if request.method == "PATCH":
            msg = self._edit(msg_id, rec.body or {})
        elif request.method == "DELETE":
            self.messages.pop(msg_id)
            return web.Response(status=204)
        else:
            msg = self.messages[msg_id]
        return self._json(msg)

    async def _attachment(self, request: web.Request) -> web.Response:
        att = self.attachments.get(int(request.match_info["att"]))
        if att is None:
            return web.Response(status=404)
        return web.Response(body=att[1], content_type="text/plain")

    async def _unknown(self, request: web.Request) -> web.Response:
        await self._record(request)
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    async def _open_dm(self, request: web.Request) -> web.Response:
        """The bot opens a DM with a user: its channel is ``dm_channel_id(user)`` (put that id
        in ``forbidden_channels`` for a user whose DMs are closed)."""
        rec = await self._record(request)
        user = self.users[int((rec.body or {})["recipient_id"])]
        channel = {"id": str(dm_channel_id(user)), "type": 1, "recipients": [user.payload()]}
        return self._json(channel)


# -- an in-memory store for the cogs ----------------------------------------------------------
# Implements only what the cogs call. The e2e tests switch to the real SQLite store in one
# fixture once it (and the extractor) are on main.


# -- a news site with a feed, for the feed poller ---------------------------------------------
@dataclass
class FeedArticle:
    """An article the fake site serves at ``/articles/<slug>`` and lists in its feed."""

    slug: str
    title: str
    text: str
    guid: str | None = None
    link_query: str = ""
    published: str = "Mon, 03 Mar 2025 08:00:00 GMT"


class FeedServer:
    """A news site on 127.0.0.1: ``/feed.xml`` (RSS, ETag-aware) and ``/articles/<slug>``.

    ``fail_next`` makes the feed answer 500 that many times; every request's path and
    headers are recorded in :attr:`seen` so tests can check conditional GET.
    """

    def __init__(self) -> None:
        self.articles: list[FeedArticle] = []
        self.fail_next = 0
        self.version = 1
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.statuses: list[tuple[str, int]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0
        app = web.Application()
        app.router.add_get("/feed.xml", self._feed)
        app.router.add_get("/articles/{slug}", self._article)
        self.app = app

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def feed_url(self) -> str:
        return f"{self.base}/feed.xml"

    def link(self, article: FeedArticle) -> str:
        query = f"?{article.link_query}" if article.link_query else ""
        return f"{self.base}/articles/{article.slug}{query}"

    def publish(self, *articles: FeedArticle) -> None:
        """Put articles at the top of the feed (a new feed version, a new ETag)."""
        self.articles[:0] = list(articles)
        self.version += 1

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def feed_requests(self) -> list[dict[str, str]]:
        """Headers of every request for the feed itself."""
        return [headers for path, headers in self.seen if path == "/feed.xml"]

    def _answer(self, path: str, response: web.Response) -> web.Response:
        self.statuses.append((path, response.status))
        return response

    async def _feed(self, request: web.Request) -> web.Response:
        self.seen.append((request.path, dict(request.headers)))
        if self.fail_next > 0:
            self.fail_next -= 1
            return self._answer(request.path, web.Response(status=500, text="oops"))
        etag = f'"v{self.version}"'
        if request.headers.get("If-None-Match") == etag:
            return self._answer(request.path, web.Response(status=304, headers={"ETag": etag}))
        items = []
        for a in self.articles:
            guid = f"<guid>{a.guid}</guid>" if a.guid else ""
            items.append(
                f"<item><title>{a.title}</title><link>{self.link(a).replace('&', '&amp;')}</link>"
                f"{guid}<pubDate>{a.published}</pubDate></item>"
            )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Riverside Post</title><link>{self.base}/</link>"
            f"<description>Local news</description>{''.join(items)}</channel></rss>"
        )
        return self._answer(
            request.path,
            web.Response(
                body=body.encode(),
                headers={"Content-Type": "application/rss+xml", "ETag": etag},
            ),
        )

    async def _article(self, request: web.Request) -> web.Response:
        self.seen.append((request.path, dict(request.headers)))
        slug = request.match_info["slug"]
        found = next((a for a in self.articles if a.slug == slug), None)
        if found is None:
            return self._answer(request.path, web.Response(status=404, text="not found"))
        page = (
            f"<html><head><title>{found.title}</title>"
            '<meta property="og:site_name" content="Riverside Post"></head><body>'
            f"<article><h1>{found.title}</h1><p>{found.text}</p></article></body></html>"
        )
        return self._answer(
            request.path, web.Response(body=page.encode(), content_type="text/html")
        )

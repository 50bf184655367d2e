"""The misquote check in words: the verdict sentence both the CLI and the bot show, and the
CLI's plain-text answer.

Why a module of its own: ``whosaid check`` and ``/check`` must say the same thing the same
way. Plain text only; the Discord renderer escapes it. A paraphrase (reported speech) is
never put in quotation marks, and neither is the claim (it is what someone says was said).
"""

from __future__ import annotations

from bot.core.check import CheckResult
from bot.core.wordiff import Diff

_HEADLINES = {
    "exact": "Exact",
    "trimmed": "Trimmed",
    "altered": "Altered",
    "misattributed": "Misattributed",
    "unknown": "Unknown",
}


def headline(result: CheckResult) -> str:
    """ "Exact", "Trimmed", ... for titles."""
    return _HEADLINES[result.verdict]


def verdict_sentence(result: CheckResult) -> str:
    """What the verdict means for this claim, in one sentence."""
    who = result.speaker
    if result.verdict == "unknown":
        if result.problem:
            return result.problem
        return (
            "No article here has these words or anything close to them, so I cannot say "
            "who said them (I never guess)."
        )
    if who is None:
        whose = "words an article quotes without saying who said them"
    elif result.kind == "indirect":
        whose = f"an article's paraphrase of what {who} said (not a quotation)"
    else:
        whose = f"{who}'s words"
    if result.verdict == "misattributed":
        return f"The claim names {result.claim.speaker}, but these are {whose}."
    if result.verdict == "exact":
        sentence = f"These are exactly {whose}."
    elif result.verdict == "trimmed":
        sentence = f"A cut of {whose}: the parts marked as cut were left out."
    else:
        sentence = f"Close to {whose}, but changed: the difference is marked word by word."
    if who is None and result.claim.speaker:
        sentence += f" Whether {result.claim.speaker} said them, the articles do not say."
    return sentence


def diff_text(
    diff: Diff, cut: tuple[str, str] = ("[-", "-]"), add: tuple[str, str] = ("{+", "+}")
) -> str:
    """The diff inline: real-only words wrapped in ``cut``, claim-only words in ``add``."""
    out = []
    for op, text in diff:
        if op == "-":
            out.append(f"{cut[0]}{text}{cut[1]}")
        elif op == "+":
            out.append(f"{add[0]}{text}{add[1]}")
        else:
            out.append(text)
    return " ".join(out)


def votes_text(result: CheckResult) -> str | None:
    """ "attributed to A by 3 outlets, to B by 1" when the sources disagree (a cluster's
    tallies count outlets; without a cluster the hits' articles are counted)."""
    if len(result.votes) < 2:
        return None
    unit = "outlet" if result.hit is not None and result.hit.cluster is not None else "article"
    parts = [f"to {name} by {n}" for name, n in result.votes]
    parts[0] += f" {unit}" + "s" * (result.votes[0][1] != 1)
    return "attributed " + ", ".join(parts)


def real_words(result: CheckResult) -> str:
    """The real wording: in quotation marks, or labelled a paraphrase without them."""
    quote = result.quote or ""
    return f"(paraphrase, not a quotation) {quote}" if result.kind == "indirect" else f"“{quote}”"


def format_check(result: CheckResult) -> str:
    """The CLI's answer to ``whosaid check``."""
    lines = [f"{headline(result)}: {verdict_sentence(result)}"]
    claimed = f" (claimed speaker: {result.claim.speaker})" if result.claim.speaker else ""
    lines.append(f"  Claim: {result.claim.words}{claimed}")
    if result.verdict == "unknown":
        return "\n".join(lines)
    lines.append(f"  Real words: {real_words(result)}")
    said = result.speaker or "Unknown speaker"
    votes = votes_text(result)
    lines.append(f"  Said by: {said}" + (f" ({votes})" if votes else ""))
    if any(op != "=" for op, _ in result.diff):
        lines.append(
            f"  Difference: {diff_text(result.diff)}  ([-cut or replaced-] {{+claim only+}})"
        )
    if result.printed_by:
        lines.append(f"  Note: the claim's wording was printed by {', '.join(result.printed_by)}.")
    first = result.first_seen
    if first is not None:
        parts = [first.outlet or "an article"]
        if first.date:
            parts.append(first.date.strftime("%Y-%m-%d"))
        if first.url:
            parts.append(first.url)
        lines.append(f"  First seen: {' — '.join(parts)}")
    if result.articles > 1:
        lines.append(f"  Carried by {result.articles} articles ({', '.join(result.outlets)})")
    return "\n".join(lines)


__all__ = ["diff_text", "format_check", "headline", "real_words", "verdict_sentence", "votes_text"]

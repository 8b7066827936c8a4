"""Content negotiation shared by the routers that can answer in JSON or another type."""

from __future__ import annotations


def prefers_over_json(accept: str | None, media_type: str) -> bool:
    """True when the Accept header ranks `media_type` above JSON (JSON wins a tie
    and a wildcard: the API answers JSON unless asked otherwise)."""
    best: dict[str, float] = {}
    for item in (accept or "").split(","):
        media, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best[media.lower()] = max(q, best.get(media.lower(), 0.0))
    wanted = best.get(media_type, 0.0)
    return wanted > 0.0 and wanted > best.get("application/json", 0.0)

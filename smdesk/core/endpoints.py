"""Speechmatics Batch API regions and custom endpoints."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

# The client's own http policy (stdlib only), so the app judges URLs exactly as the client does.
from smdesk.batch.url_policy import (
    host_address,
    insecure_http_reason,
    is_local_address,
    is_loopback_name,
)

DEFAULT_REGION = "default"

# key -> (human name, batch API base URL)
REGIONS: dict[str, tuple[str, str]] = {
    DEFAULT_REGION: ("Default (asr.api.speechmatics.com)", "https://asr.api.speechmatics.com/v2"),
    "eu1": ("Europe (EU1)", "https://eu1.asr.api.speechmatics.com/v2"),
    "eu2": ("Europe (EU2, Enterprise)", "https://eu2.asr.api.speechmatics.com/v2"),
    "us1": ("United States (US1)", "https://us1.asr.api.speechmatics.com/v2"),
    "us2": ("United States (US2, Enterprise)", "https://us2.asr.api.speechmatics.com/v2"),
    "au1": ("Australia (AU1)", "https://au1.asr.api.speechmatics.com/v2"),
}

# Host NAMES that are local by convention. The client still checks the addresses a name resolves
# to before sending anything (smdesk.batch.url_policy); literals are judged on the real address.
_LOCAL_SUFFIXES = (".local", ".lan", ".internal", ".home.arpa")


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback addresses in any spelling (the sandbox, tests)."""
    if is_loopback_name(host):
        return True
    address = host_address(host)
    return address is not None and address.is_loopback


def is_local_network_host(host: str) -> bool:
    """True for this machine and hosts on a private network (on-premises containers).

    Addresses are decided on the address they denote (``http://134744072`` is 8.8.8.8, not a
    local name); names by convention: single-label names and local suffixes.
    """
    address = host_address(host)
    if address is not None:
        return is_local_address(address)
    name = host.lower().rstrip(".")
    return is_loopback_name(name) or "." not in name or name.endswith(_LOCAL_SUFFIXES)


def resolve_endpoint(value: str) -> str:
    """The batch API base URL for a region key ("eu1") or a custom http(s) URL.

    A custom URL without a path gets "/v2" appended, as the official clients do. Plain http is
    accepted only for this machine and private networks (on-premises containers); over the
    internet the API key would travel unencrypted. Raises ValueError with one sentence saying what
    to enter instead.
    """
    text = value.strip()
    if not text:
        return REGIONS[DEFAULT_REGION][1]
    region = REGIONS.get(text.lower())
    if region is not None:
        return region[1]
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        choices = ", ".join(REGIONS)
        raise ValueError(
            f"Endpoint {text!r} is neither a region ({choices}) nor an http(s) URL "
            "such as https://asr.example.com/v2."
        )
    if parts.scheme.lower() == "http" and not is_local_network_host(parts.hostname):
        reason = insecure_http_reason(text) or (
            f"{text} uses plain http over the internet, which would send your API key unencrypted"
        )
        raise ValueError(f"Endpoint {reason}; use an https:// URL.")
    try:
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        raise ValueError(f"Endpoint {text!r} has an invalid port number.") from None
    path = parts.path.rstrip("/") or "/v2"
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, parts.query, ""))


def endpoint_label(value: str) -> str:
    """What to call an endpoint in the UI: the region's name, or a custom URL's host."""
    text = value.strip()
    region = REGIONS.get(text.lower() or DEFAULT_REGION)
    if region is not None:
        return region[0]
    host = urlsplit(text).hostname
    return host or text


def region_for_url(url: str) -> str | None:
    """The region key whose URL is ``url`` (ignoring a trailing slash), if any."""
    wanted = url.strip().rstrip("/")
    for key, (_, base) in REGIONS.items():
        if base == wanted:
            return key
    return None

"""Regions and custom endpoints."""

from __future__ import annotations

import pytest

from smdesk.core.endpoints import (
    REGIONS,
    endpoint_label,
    is_loopback_host,
    region_for_url,
    resolve_endpoint,
)


def test_regions() -> None:
    assert set(REGIONS) == {"default", "eu1", "eu2", "us1", "us2", "au1"}
    assert REGIONS["default"][1] == "https://asr.api.speechmatics.com/v2"
    assert REGIONS["eu1"][1] == "https://eu1.asr.api.speechmatics.com/v2"
    assert "Enterprise" in REGIONS["eu2"][0] and "Enterprise" in REGIONS["us2"][0]
    for key, (name, url) in REGIONS.items():
        assert name and url.startswith("https://") and url.endswith("/v2"), key


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("default", "https://asr.api.speechmatics.com/v2"),
        ("", "https://asr.api.speechmatics.com/v2"),
        ("  AU1 ", "https://au1.asr.api.speechmatics.com/v2"),
        ("https://asr.example.com/v2/", "https://asr.example.com/v2"),
        ("https://asr.example.com", "https://asr.example.com/v2"),
        ("HTTPS://asr.example.com:8443/custom/path", "https://asr.example.com:8443/custom/path"),
        ("http://127.0.0.1:8123/v2", "http://127.0.0.1:8123/v2"),
        ("http://localhost:9000", "http://localhost:9000/v2"),
        ("http://[::1]:9000/v2", "http://[::1]:9000/v2"),
        # On-premises containers on a private network often speak plain http.
        ("http://192.168.1.20:8082/v2", "http://192.168.1.20:8082/v2"),
        ("http://10.0.0.5", "http://10.0.0.5/v2"),
        ("http://asr-container:8082", "http://asr-container:8082/v2"),
        ("http://batch.office.lan/v2", "http://batch.office.lan/v2"),
    ],
)
def test_resolve_endpoint(value: str, url: str) -> None:
    assert resolve_endpoint(value) == url


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("eu3", "neither a region"),
        ("ftp://example.com", "neither a region"),
        ("https://", "neither a region"),
        ("http://asr.example.com/v2", "unencrypted; use an https:// URL"),
        ("https://example.com:notaport/v2", "invalid port"),
    ],
)
def test_resolve_endpoint_rejects_with_a_sentence(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        resolve_endpoint(value)
    assert str(caught.value).endswith(".")
    assert value.strip() in str(caught.value)


def test_labels_and_reverse_lookup() -> None:
    assert endpoint_label("eu1") == "Europe (EU1)"
    assert endpoint_label("") == REGIONS["default"][0]
    assert endpoint_label("https://asr.example.com/v2") == "asr.example.com"
    assert region_for_url("https://us1.asr.api.speechmatics.com/v2/") == "us1"
    assert region_for_url("https://asr.example.com/v2") is None


def test_loopback_hosts() -> None:
    assert is_loopback_host("localhost") and is_loopback_host("127.0.0.5")
    assert is_loopback_host("::1")
    assert not is_loopback_host("10.0.0.1") and not is_loopback_host("example.com")

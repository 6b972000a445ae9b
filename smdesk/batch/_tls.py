"""Which certificates the client trusts: the OS trust store, certifi only as a last resort.

A frozen bundle carries the build machine's OpenSSL, which looks for CA certificates only where
that machine keeps them (Debian's /usr/lib/ssl). `truststore` asks the OS instead: the Windows
certificate store, the macOS Keychain, and on Linux the bundle wherever the distribution keeps it,
so a company CA the user's IT installed is trusted too. The CLI, the app and the bundle all get
their context from `client_ssl_context()`, so they behave the same.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import re
import ssl
import sys

import aiohttp

logger = logging.getLogger(__name__)

# Where Linux distributions keep their CA bundle (the list truststore searches, and its order).
LINUX_CA_BUNDLES = (
    "/etc/ssl/cert.pem",  # Alpine, Arch, Fedora 34-43, RHEL 9-10, BSD
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # Fedora 44+, RHEL 11+
    "/etc/pki/tls/cert.pem",  # older Fedora, RHEL, CentOS
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu
    "/etc/ssl/ca-bundle.pem",  # SUSE
)
_HASHED_CERT_NAME = re.compile(r"^[0-9a-fA-F]{8}\.[0-9]$")


@functools.cache
def client_ssl_context() -> ssl.SSLContext:
    """The verifying TLS context every HTTPS request of smdesk uses (made once per process)."""
    source = trust_source()
    logger.debug("TLS trust: %s", source)
    if source == "truststore":
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if source == "certifi":
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    return ssl.create_default_context()


def tls_connector() -> aiohttp.TCPConnector:
    """The connector for sessions smdesk creates itself (the one hook for TLS settings)."""
    return aiohttp.TCPConnector(ssl=client_ssl_context())


def trust_source() -> str:
    """Where trusted certificates come from: truststore, certifi or openssl-defaults."""
    if not _has_module("truststore"):
        return "openssl-defaults" if _openssl_defaults_usable() else _last_resort()
    if sys.platform in ("win32", "darwin") or _linux_store_present():
        return "truststore"
    return _last_resort()


def _last_resort() -> str:
    # No system trust store at all (a bare container): Mozilla's list beats failing every request.
    return "certifi" if _has_module("certifi") else "openssl-defaults"


def _linux_store_present() -> bool:
    return _openssl_defaults_usable() or any(os.path.isfile(path) for path in LINUX_CA_BUNDLES)


def _openssl_defaults_usable() -> bool:
    """Whether OpenSSL's own paths (or SSL_CERT_FILE/SSL_CERT_DIR) hold any certificate."""
    paths = ssl.get_default_verify_paths()
    if paths.cafile:
        return True
    capath = paths.capath
    if not capath or not os.path.isdir(capath):
        return False
    return any(_HASHED_CERT_NAME.match(name) for name in os.listdir(capath))


def _has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None

"""The client trusts the OS trust store, not only where the build machine's OpenSSL looks.

The Linux bundle carries Debian's OpenSSL, which looks only in /usr/lib/ssl. On Fedora, Arch or
openSUSE that folder does not exist. This test makes such a system for one child process: in a
private mount namespace /usr/lib/ssl is hidden, /etc/ssl/certs holds nothing but a
ca-certificates.crt with a test CA, and SSL_CERT_FILE/SSL_CERT_DIR (set globally on this machine,
not on users') are unset. A local HTTPS server signed by that CA must then be reachable with the
smdesk client, while Python's stock context (the control) fails to verify it.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from smdesk.batch import _tls

pytest.importorskip("cryptography", reason="cryptography makes the test certificates")
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

PROBE = textwrap.dedent(
    """
    import asyncio, json, ssl, sys
    from aiohttp import web
    from smdesk.batch import AsyncClient
    from smdesk.batch._tls import trust_source

    async def list_jobs(request):
        return web.json_response({"jobs": []})

    async def main(cert, key):
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_ctx.load_cert_chain(cert, key)
        app = web.Application()
        app.router.add_get("/v2/jobs", list_jobs)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_ctx)
        await site.start()
        port = runner.addresses[0][1]
        result = {"source": trust_source()}
        try:
            _, writer = await asyncio.open_connection(
                "127.0.0.1", port, ssl=ssl.create_default_context(), server_hostname="localhost")
            writer.close()
            result["stock"] = "verified"
        except ssl.SSLCertVerificationError as error:
            result["stock"] = error.verify_message
        async with AsyncClient(api_key="k", url=f"https://localhost:{port}/v2") as client:
            result["jobs"] = len(await client.list_jobs())
        await runner.cleanup()
        print(json.dumps(result))

    asyncio.run(main(sys.argv[1], sys.argv[2]))
    """
)


def _make_ca_and_server_cert(folder: Path) -> tuple[Path, Path, Path]:
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smdesk test company CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False),
                       critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                       False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    pem = serialization.Encoding.PEM
    bundle = folder / "ca-certificates.crt"
    bundle.write_bytes(ca.public_bytes(pem))
    cert = folder / "server.crt"
    cert.write_bytes(server.public_bytes(pem))
    key_file = folder / "server.key"
    key_file.write_bytes(key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))  # fmt: skip
    return bundle, cert, key_file


def _private_namespace_works() -> str | None:
    """None when this process may make a private mount namespace, else why not."""
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return "needs Linux and unshare(1)"
    if not Path("/usr/lib/ssl").is_dir() or not Path("/etc/ssl/certs").is_dir():
        return "needs a Debian-style /usr/lib/ssl and /etc/ssl/certs to hide"
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "mount", "-t", "tmpfs", "none", "/mnt"],
        capture_output=True, text=True, timeout=20,
    )  # fmt: skip
    if probe.returncode != 0:
        return f"private mount namespaces are denied here: {probe.stderr.strip()}"
    return None


def test_client_trusts_the_distribution_bundle_when_openssl_looks_elsewhere(
    tmp_path: Path,
) -> None:
    why_not = _private_namespace_works()
    if why_not:
        pytest.skip(why_not)
    certs = tmp_path / "certs"
    certs.mkdir()
    bundle, cert, key = _make_ca_and_server_cert(certs)
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    # The CA exists only in the distribution's bundle; OpenSSL's compiled-in folder is gone.
    script = (
        'mount -t tmpfs none /usr/lib/ssl && mount -t tmpfs none /etc/ssl/certs'
        ' && cp "$1" /etc/ssl/certs/ca-certificates.crt && shift && exec "$@"'
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    run = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", str(bundle),
         sys.executable, str(probe), str(cert), str(key)],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["stock"] != "verified", "control failed: the stock context found the CA"
    assert result["source"] == "truststore"
    assert result["jobs"] == 0


def test_certifi_is_the_last_resort_when_the_system_has_no_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("Windows and macOS always have a system store")
    monkeypatch.setattr(_tls, "LINUX_CA_BUNDLES", (str(tmp_path / "absent.pem"),))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "absent.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    assert _tls.trust_source() == "certifi"
    (tmp_path / "cert.pem").write_text("")
    monkeypatch.setattr(_tls, "LINUX_CA_BUNDLES", (str(tmp_path / "cert.pem"),))
    assert _tls.trust_source() == "truststore"

"""HTTPS test servers on 127.0.0.1 with certificates made for the occasion.

A test authority (written to ``ca.pem``) signs leaf certificates for 127.0.0.1 whose
validity window the test chooses, so a client that trusts the authority sees exactly one
fault: an expired certificate, a not-yet-valid one, or none. A self-signed leaf is there
for the case where nobody vouches for the server.
"""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LOOPBACK = ipaddress.ip_address("127.0.0.1")


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _pem_key(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@dataclass(frozen=True)
class CertificateAuthority:
    """A certificate authority for tests; ``bundle`` is its certificate as a PEM file."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    bundle: Path

    @classmethod
    def create(cls, directory: Path) -> CertificateAuthority:
        key = _key()
        now = dt.datetime.now(dt.timezone.utc)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(_name("citecheck test authority"))
            .issuer_name(_name("citecheck test authority"))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=3650))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        bundle = directory / "ca.pem"
        bundle.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        return cls(key, certificate, bundle)

    def issue(self, directory: Path, name: str, *, valid_from: dt.datetime, valid_until: dt.datetime):
        """Write ``name``.pem and ``name``.key: a leaf for 127.0.0.1 valid in the given window."""
        key = _key()
        certificate = (
            _loopback_leaf(key, self.certificate.subject, valid_from, valid_until)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        return _write_pair(directory, name, certificate, key)


def self_signed(directory: Path, name: str = "self-signed") -> tuple[Path, Path]:
    """A leaf for 127.0.0.1 that vouches for itself (valid dates, no authority behind it)."""
    key = _key()
    now = dt.datetime.now(dt.timezone.utc)
    builder = _loopback_leaf(key, _name("127.0.0.1"), now - dt.timedelta(days=1), now + dt.timedelta(days=1))
    return _write_pair(directory, name, builder.sign(key, hashes.SHA256()), key)


def _loopback_leaf(key, issuer: x509.Name, valid_from: dt.datetime, valid_until: dt.datetime):
    """A certificate for 127.0.0.1 (subject and address), unsigned: the caller adds and signs."""
    return (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(valid_until)
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(LOOPBACK)]), critical=False)
    )


def _write_pair(directory: Path, name: str, certificate: x509.Certificate, key) -> tuple[Path, Path]:
    cert_path, key_path = directory / f"{name}.pem", directory / f"{name}.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(_pem_key(key))
    return cert_path, key_path


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = b"<html><body><p>served over TLS</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _QuietTLSServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client refusing our certificate aborts the handshake: expected, not news


@contextmanager
def https_server(cert: Path, key: Path) -> Iterator[str]:
    """Serve a small page over TLS with ``cert``; yields ``https://127.0.0.1:PORT/``."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = _QuietTLSServer(("127.0.0.1", 0), _Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

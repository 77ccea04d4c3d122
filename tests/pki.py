"""A throwaway PKI for the signing tests: CAs, signing certificates and PKCS#12 files, made with `cryptography`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

NOW = dt.datetime.now(dt.timezone.utc)
DAY = dt.timedelta(days=1)


@dataclass
class Authority:
    name: str
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def pem(self, folder: Path) -> Path:
        path = folder / f"{self.name}.pem"
        path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        return path


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "KR"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "auditkit test"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def authority(name: str) -> Authority:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder().subject_name(_name(name)).issuer_name(_name(name)).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(NOW - 30 * DAY).not_valid_after(NOW + 3650 * DAY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return Authority(name, key, cert)


def person(ca: Authority, common: str, folder: Path, password: bytes | None = b"secret", *,
           not_before: dt.datetime | None = None, not_after: dt.datetime | None = None, signing: bool = True,
           elliptic: bool = False) -> Path:
    """A signing certificate issued by ``ca``, with its key, in a PKCS#12 file; returns the file's path."""
    key = ec.generate_private_key(ec.SECP256R1()) if elliptic else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    usage = x509.KeyUsage(digital_signature=signing, content_commitment=signing, key_encipherment=not signing,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(_name(common)).issuer_name(ca.cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(not_before or NOW - DAY)
            .not_valid_after(not_after or NOW + 365 * DAY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
            .sign(ca.key, hashes.SHA256()))
    encryption = (serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption())
    path = folder / f"{common.replace(' ', '-')}.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(common.encode(), key, cert, [ca.cert], encryption))
    return path

"""A site's Ed25519 keys: signing what it sends, checking what arrives, and the fingerprint two
clerks read to each other by phone before one site trusts the other."""
from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FINGERPRINT_GROUPS = 6  # of four digits: 24 digits, 79 bits — read aloud in under a minute


def new_private_key() -> str:
    """A new key pair's private half, PEM (kept in the site table of this installation only)."""
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def public_key_of(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return key.public_key().public_bytes(serialization.Encoding.Raw,
                                         serialization.PublicFormat.Raw).hex()


def fingerprint(public_hex: str) -> str:
    """Digits in groups of four (1234 5678 …): what both screens show and both clerks read."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).digest()
    digits = str(int.from_bytes(digest[:10], "big") % 10 ** (4 * FINGERPRINT_GROUPS))
    digits = digits.zfill(4 * FINGERPRINT_GROUPS)
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def sign(private_pem: str, data: bytes) -> bytes:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return key.sign(data)


def signed_by(public_hex: str, data: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True

"""auditkit: IT-resilience audit readiness for public institutions."""

__version__ = "0.1.0"

"""The client address as seen behind the project's own reverse proxies."""

from django.conf import settings


def client_ip(request):
    """The address of the client that sent ``request``: what rate limits and logs record.

    Behind Apache (``TRUSTED_PROXY_COUNT`` >= 1) the client is the entry that our proxies appended
    to ``X-Forwarded-For``; anything before it came from the client and is not trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")

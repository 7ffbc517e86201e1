"""Browser security headers on every response: CSP, Permissions-Policy, HSTS.

Django 5.2 has no Content-Security-Policy of its own, so this middleware sets
one. Scripts come only from this site ('self': the vendored Bootstrap, htmx
and ECharts, and our own static files); no template has an inline script, an
on… handler or a javascript: URL (tests/web/security/test_inline_script.py walks
them all), so the policy needs neither 'unsafe-inline' nor 'unsafe-eval'.

Styles: <style> elements and style sheets only from 'self'. htmx would insert
a <style> element for its indicators; base.html turns that off through its
htmx-config meta tag, and duban.css carries those rules instead. Style
*attributes* are allowed (style-src-attr 'unsafe-inline'): ECharts writes them
into its SVG and tooltips, and a style attribute cannot run script; every
template autoescapes, so no visitor can inject one anyway.

A response that already has a policy keeps it: file downloads send the
stricter `default-src 'none'; sandbox`.

Pages and API answers are government data: `Cache-Control: no-store` keeps
them out of the browser's and any proxy's cache (ASVS V8.2.1), unless the
response says otherwise (static files, whose cache time WhiteNoise sets).

HSTS is sent when DUBAN_SECURE_COOKIES is on, i.e. when the site is served
over HTTPS. It is set here rather than by Django's SECURE_HSTS_SECONDS, which
only answers requests Django itself sees as HTTPS: behind a TLS-terminating
proxy that would need a trusted proxy header. Browsers ignore the header on
plain HTTP (RFC 6797 §8.1), so sending it always is harmless.
"""

from __future__ import annotations

from django.conf import settings

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        # Bootstrap's CSS draws its form icons as data: SVG images.
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Powerful browser features the system never uses, switched off for every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

HSTS = "max-age=31536000"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault("Cache-Control", "no-store")
        if settings.SESSION_COOKIE_SECURE:
            response.setdefault("Strict-Transport-Security", HSTS)
        return response

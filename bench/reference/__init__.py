"""Reference applications the bench measures ours against, in the same gunicorn set-up.

- ``bare``: a bare WSGI callable (the floor of gunicorn itself);
- ``settings`` + ``urls``: what bakerydemo runs, our project's apps and services behind Django's
  default middleware stack plus Wagtail's redirects, serving a trivial view and a plain index page.
"""

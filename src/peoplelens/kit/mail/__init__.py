"""E-mail plumbing with no domain in it: composing a MIME message safely (``compose.py``) and
handing it to an SMTP server under one total deadline (``smtp.py``)."""

#!/usr/bin/env python3
"""Make the signed Copernica sample requests of this folder (the *.http files).

Each request is built and signed the way Copernica signs its webhooks, as its documentation
(CopernicaMarketingSoftware/Documentation, Publisher/en/webhook-security.md and
SMTPeter/en/webhook-security.md) and its verification library
(CopernicaMarketingSoftware/http-signatures-php, src/CopernicaRequest.php) describe them:

    POST /webhooks/copernica HTTP/1.1              CRLF line endings, no newline after the body
    Host / Date / Content-Type / Content-Length
    X-Copernica-ID   account_N (Marketing Suite), Account_N, environment-N / environment_N (SMTPeter)
    X-Nonce          32 hex digits, fixed below
    Digest           SHA-256=base64(SHA-256(body))                                  (RFC 3230)
    Signature        keyId="one._domainkey.copernica.com",algorithm="rsa-sha256",
                     headers="(request-target) host date content-length content-type
                     x-copernica-id digest x-nonce",signature=base64(RSA-SHA256(signing string))
    User-Agent: Copernica Webhook

The signing string is one "name: value" line per covered header, in that order, joined by LF
(draft-cavage-http-signatures-10; "(request-target)" is the lower-cased method, a space and the
path). It is signed by OpenSSL itself, never by hookcheck:

    openssl dgst -sha256 -sign .sample-key.pem

RSASSA-PKCS1-v1_5 is deterministic, so running this again reproduces every file byte for byte.
Form bodies are encoded as Copernica's pages describe ("parameters[key]=value", "interests[]=x"):
keys as they are, values with urllib.parse.quote_plus.

Usage:  python3 .make-samples.py           write every sample next to this script
        python3 .make-samples.py --check   rebuild every sample in memory; exit 1 if a file differs
"""

import base64
import hashlib
import json
import os
import subprocess
import sys
from urllib.parse import quote_plus

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = os.path.join(HERE, ".sample-key.pem")
COVERED = "(request-target) host date content-length content-type x-copernica-id digest x-nonce"
FORM = "application/x-www-form-urlencoded"


def form(*pairs):
    return "&".join(key + "=" + quote_plus(value) for key, value in pairs)


# Each sample: file, Date, X-Copernica-ID, X-Nonce, Content-Type, body.
SAMPLES = [
    # --- (sub)profile events: Publisher/en/webhook-creates.md, -updates.md, -deletes.md --------
    ("profile.create.http", "Tue, 14 Apr 2026 09:30:13 GMT", "account_26591", "e8d28a79023c39c200661fccd268a29a", FORM, form(
        ("type", "create"), ("parameters[Email]", "anna.berg@example.com"), ("parameters[Name]", "Anna Berg"),
        ("timestamp", "2026-04-14 09:30:12"), ("time", "1776159012"), ("profile", "4102977"), ("database", "8841"),
        ("created", "2026-04-14 09:30:12"), ("modified", "2026-04-14 09:30:12"),
        ("fields[Name]", "Anna Berg"), ("fields[Email]", "anna.berg@example.com"), ("interests[]", "newsletter"))),
    ("profile.update.http", "Tue, 14 Apr 2026 09:21:08 GMT", "account_26591", "eee65f53e9421ce50211670eae679f02", FORM, form(
        ("type", "update"), ("parameters[Email]", "johny+newemail@example.com"), ("parameters[Optin]", "yes"),
        ("timestamp", "2026-04-14 09:21:07"), ("time", "1776158467"), ("profile", "4102263"), ("database", "8841"),
        ("created", "2024-11-02 14:05:51"), ("modified", "2026-04-14 09:21:07"),
        ("fields[Name]", "Johny Müller"), ("fields[Email]", "johny+newemail@example.com"), ("fields[Optin]", "yes"),
        ("interests[]", "blue"), ("interests[]", "red"))),
    ("profile.delete.http", "Tue, 14 Apr 2026 10:02:45 GMT", "account_26591", "0d347301ef56e64dc3cd6089065c3146", FORM, form(
        ("type", "delete"), ("timestamp", "2026-04-14 10:02:44"), ("time", "1776160964"), ("profile", "3990120"),
        ("database", "8841"), ("fields[Name]", "Old Contact"), ("fields[Email]", "old@example.com"))),
    ("subprofile.create.http", "Tue, 14 Apr 2026 11:15:10 GMT", "account_26591", "e80a9c222670bbe4f4c54977656cf2d1", FORM, form(
        ("type", "create"), ("parameters[Product]", "Road bike"), ("parameters[Amount]", "1299.00"),
        ("timestamp", "2026-04-14 11:15:09"), ("time", "1776165309"), ("subprofile", "90211877"), ("profile", "4102263"),
        ("database", "8841"), ("collection", "2207"), ("created", "2026-04-14 11:15:09"), ("modified", "2026-04-14 11:15:09"),
        ("fields[Product]", "Road bike"), ("fields[Amount]", "1299.00"))),
    ("subprofile.update.http", "Wed, 15 Apr 2026 08:00:32 GMT", "account_26591", "33187c8df95247f2866028de71159b42", FORM, form(
        ("type", "update"), ("parameters[Status]", "shipped"), ("timestamp", "2026-04-15 08:00:31"), ("time", "1776240031"),
        ("subprofile", "90211877"), ("profile", "4102263"), ("database", "8841"), ("collection", "2207"),
        ("created", "2026-04-14 11:15:09"), ("modified", "2026-04-15 08:00:31"),
        ("fields[Product]", "Road bike"), ("fields[Amount]", "1299.00"), ("fields[Status]", "shipped"))),
    ("subprofile.delete.http", "Thu, 16 Apr 2026 12:44:01 GMT", "account_26591", "b4ea410fb9102f29a422eb14ab2f2d0f", FORM, form(
        ("type", "delete"), ("timestamp", "2026-04-16 12:44:00"), ("time", "1776343440"), ("subprofile", "90211877"),
        ("profile", "4102263"), ("database", "8841"), ("collection", "2207"), ("fields[Product]", "Road bike"))),
    # The decoded example of webhook-updates.md as JSON, made valid (no trailing commas).
    ("profile.update-json.http", "Mon, 12 Feb 1979 12:49:24 GMT", "account_26591", "0cc022238daceee2092f073ff80b9465",
     "application/json", json.dumps({
         "type": "update", "profile": 123, "parameters": {"mail": "johny+newemail@example.com"},
         "timestamp": "1979-02-12 12:49:23", "id": 123, "database": 1,
         "fields": {"name": "Johny", "mail": "johny+newemail@example.com"}, "interests": {"blue": 1, "red": 0},
         "created": "1979-02-12 12:49:23", "modified": "1979-02-12 12:49:23"}, indent=2)),

    # --- message events: Publisher/en/webhook-clicks.md, -opens.md, -bounces.md, -failures.md,
    # -deliveries.md (the Marketing Suite), SMTPeter/en/webhook-*.md (SMTPeter) -----------------
    # webhook-clicks.md: id, type, timestamp, time, recipient, ip, original, useragent, referer, tags.
    ("click.http", "Wed, 15 Apr 2026 07:42:19 GMT", "account_26591", "5f0c2b8e91d34a7c86e1b2d4f7a9c3e0", FORM, form(
        ("id", "a3f81c29e4b7d605"), ("type", "click"), ("timestamp", "2026-04-15 07:42:18"), ("time", "1776238938"),
        ("recipient", "anna.berg@example.com"), ("ip", "198.51.100.23"), ("original", "https://shop.example.com/spring?utm_source=mail"),
        ("useragent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"),
        ("referer", ""), ("tags[]", "spring-sale"), ("tags[]", "newsletter"))),
    # SMTPeter/en/webhook-opens.md: no timestamp; the environment-N form of X-Copernica-ID.
    ("open.http", "Wed, 15 Apr 2026 07:40:02 GMT", "environment-4417", "c61e0d9a7b2f48e5a03d9b1c6e4f8a27", FORM, form(
        ("id", "a3f81c29e4b7d605"), ("type", "open"), ("recipient", "anna.berg@example.com"), ("ip", "198.51.100.23"),
        ("time", "1776238801"), ("useragent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:124.0) Gecko/20100101 Thunderbird/124.0"),
        ("tags[]", "spring-sale"))),
    # webhook-bounces.md: id, type, timestamp, time, recipient, envelope, mime, tags.
    ("bounce.http", "Wed, 15 Apr 2026 09:13:57 GMT", "account_26591", "9d2e7f41a0c86b35e1f4a9d27c0b8e63", FORM, form(
        ("id", "b72c04de19f3a868"), ("type", "bounce"), ("timestamp", "2026-04-15 09:13:56"), ("time", "1776244436"),
        ("recipient", "old@example.com"), ("envelope", "bounce-b72c04de19f3a868@bounces.example.net"),
        ("mime", "From: MAILER-DAEMON@mx.example.com\r\nTo: bounce-b72c04de19f3a868@bounces.example.net\r\n"
                 "Subject: Undelivered Mail Returned to Sender\r\n\r\n<old@example.com>: mailbox unavailable\r\n"),
        ("tags[]", "spring-sale"))),
    # webhook-failures.md: action 'failure' or 'failed'; state "bounce" for an asynchronous failure.
    ("failure.http", "Wed, 15 Apr 2026 07:31:05 GMT", "account_26591", "2b8f6c0e4d1a97e35c7b9f0a1d3e5c82", FORM, form(
        ("id", "c90d17af28e4b513"), ("type", "failure"), ("timestamp", "2026-04-15 07:31:04"), ("time", "1776238264"),
        ("recipient", "no.such.user@example.org"), ("action", "failed"), ("state", "rcpt-to"), ("code", "550"),
        ("extended", "5.1.1"), ("description", "The email account that you tried to reach does not exist"),
        ("tags[]", "spring-sale"))),
    # SMTPeter/en/webhook-deliveries.md: type 'delivery', with code, extended and description;
    # the environment_N form of X-Copernica-ID.
    ("delivery.http", "Wed, 15 Apr 2026 07:30:41 GMT", "environment_4417", "7e3a9c5f1b0d24e86a7c3f9b5d1e0a42", FORM, form(
        ("id", "a3f81c29e4b7d605"), ("recipient", "anna.berg@example.com"), ("time", "1776238240"),
        ("timestamp", "2026-04-15 07:30:40"), ("code", "250"), ("extended", "2.0.0"),
        ("description", "OK 1776238240 q7si2240521ejc.301 - gsmtp"), ("type", "delivery"), ("tags[]", "spring-sale"))),
    # SMTPeter/en/webhook-abuses.md: id, type, emailfrom, mime.
    ("abuse.http", "Thu, 16 Apr 2026 06:05:33 GMT", "environment-4417", "e4c1a7b93f5d08e26b9a1c7f3e5d0b84", FORM, form(
        ("id", "a3f81c29e4b7d605"), ("type", "abuse"), ("emailfrom", "fbl@isp.example.net"),
        ("mime", "From: fbl@isp.example.net\r\nContent-Type: multipart/report; report-type=feedback-report\r\n\r\n"
                 "Feedback-Type: abuse\r\nOriginal-Rcpt-To: anna.berg@example.com\r\n"))),

    # --- a Publisher callback (Publisher/en/callbacks-variables.md): id, action, fields,
    # interests, sent as JSON (Publisher/callback-urls.en.md: "XML or JSON"); the Account_N form
    # of X-Copernica-ID, as Publisher/nl/signature-header.md passes it to the library.
    ("profile.update-callback.http", "Tue, 14 Apr 2026 09:21:09 GMT", "Account_26591", "41d7b0e3c9a85f26d1e4b7c0a3f9e582",
     "application/json", json.dumps({
         "id": 4102263, "action": "update",
         "fields": {"Name": "Johny Müller", "Email": "johny+newemail@example.com", "Optin": "yes"},
         "interests": ["blue", "red"]}, indent=2, ensure_ascii=False)),
]


def sign(text):
    result = subprocess.run(["openssl", "dgst", "-sha256", "-sign", KEY], input=text.encode(), capture_output=True, check=True)
    return base64.b64encode(result.stdout).decode()


def request(date, account, nonce, content_type, body):
    data = body.encode()
    headers = [
        ("Host", "hooks.example.com"),
        ("Date", date),
        ("Content-Type", content_type),
        ("Content-Length", str(len(data))),
        ("X-Copernica-ID", account),
        ("X-Nonce", nonce),
        ("Digest", "SHA-256=" + base64.b64encode(hashlib.sha256(data).digest()).decode()),
    ]
    target = "/webhooks/copernica"
    values = {name.lower(): value for name, value in headers}
    signing = "\n".join("(request-target): post " + target if name == "(request-target)" else name + ": " + values[name]
                        for name in COVERED.split(" "))
    signature = 'keyId="one._domainkey.copernica.com",algorithm="rsa-sha256",headers="%s",signature="%s"' % (COVERED, sign(signing))
    headers += [("Signature", signature), ("User-Agent", "Copernica Webhook")]
    head = "\r\n".join(["POST " + target + " HTTP/1.1"] + [name + ": " + value for name, value in headers])
    return (head + "\r\n\r\n").encode() + data


def main():
    check = "--check" in sys.argv[1:]
    differ = []
    for name, date, account, nonce, content_type, body in SAMPLES:
        made = request(date, account, nonce, content_type, body)
        path = os.path.join(HERE, name)
        if check:
            if not os.path.exists(path):
                differ.append(name + " (missing)")
                continue
            with open(path, "rb") as existing:
                if existing.read() != made:
                    differ.append(name)
        else:
            with open(path, "wb") as out:
                out.write(made)
    for name in differ:
        print("differs: " + name, file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

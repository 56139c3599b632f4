#!/bin/sh
# Regenerates the RSA fixtures with the openssl command line (run from this folder).
# Test-only keys: the private keys here protect nothing.
set -eu
rm -rf keys messages signatures raw manifest.txt
mkdir -p keys messages signatures raw
cat > manifest.txt <<'HEADER'
# RSA fixtures made by generate.sh with the openssl command line. One record per line:
#   key <name> bits=<n> exponent=<e> modulus=<hex from openssl rsa -noout -modulus>
#       files: keys/<name>.private.pem (test only), .spki.pem, .pkcs1.pem, .spki.der, .pkcs1.der
#   dkim <file> key=<name>                      a DKIM TXT record of that key's public key
#   signature <file> format=binary|base64 key=<name> hash=sha1|sha256|sha512 message=<file>
#                                               made by openssl dgst -<hash> -sign
#   rsavp1 <signature file> key=<name> output=<file>
#                                               raw s^e mod n from openssl pkeyutl -verifyrecover
#                                               with rsa_padding_mode:none
HEADER

# Key pairs: name, bits, public exponent.
for spec in rsa512:512:65537 rsa1024:1024:65537 rsa2048:2048:65537 rsa3072:3072:65537 rsa4096:4096:65537 rsa2048e3:2048:3; do
    name=${spec%%:*}; rest=${spec#*:}; bits=${rest%%:*}; exponent=${rest#*:}
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$bits -pkeyopt rsa_keygen_pubexp:$exponent \
        -out keys/$name.private.pem 2>/dev/null
    openssl rsa -in keys/$name.private.pem -pubout -out keys/$name.spki.pem 2>/dev/null
    openssl rsa -in keys/$name.private.pem -RSAPublicKey_out -out keys/$name.pkcs1.pem 2>/dev/null
    openssl rsa -in keys/$name.private.pem -pubout -outform DER -out keys/$name.spki.der 2>/dev/null
    openssl rsa -in keys/$name.private.pem -RSAPublicKey_out -outform DER -out keys/$name.pkcs1.der 2>/dev/null
    modulus=$(openssl rsa -pubin -in keys/$name.spki.pem -noout -modulus | sed 's/^Modulus=//')
    echo "key $name bits=$bits exponent=$exponent modulus=$modulus" >> manifest.txt
done

# DKIM TXT record of rsa2048, as published and as dig prints it (split into quoted strings).
p=$(openssl rsa -pubin -in keys/rsa2048.spki.pem -outform DER 2>/dev/null | openssl base64 -A)
printf 'v=DKIM1; k=rsa; p=%s\n' "$p" > keys/rsa2048.dkim.txt
first=$(printf '%s' "$p" | cut -c1-200); second=$(printf '%s' "$p" | cut -c201-)
printf '"v=DKIM1; k=rsa; " "p=%s" "%s"\n' "$first" "$second" > keys/rsa2048.dkim-dig.txt
echo "dkim keys/rsa2048.dkim.txt key=rsa2048" >> manifest.txt
echo "dkim keys/rsa2048.dkim-dig.txt key=rsa2048" >> manifest.txt

# Messages.
printf '' > messages/empty.txt
printf 'hello, world\n' > messages/hello.txt
printf '{"event":"contact.updated","id":42,"data":{"name":"Ada Lovelace","email":"ada@example.com"}}' > messages/webhook.json
openssl rand -out messages/random.bin 3000

# Signatures: every key signs every message with SHA-256 (binary files);
# every key signs webhook.json with SHA-1 and SHA-512 (base64 files), except that
# a 512-bit modulus is too short to hold a SHA-512 DigestInfo.
for key in rsa512 rsa1024 rsa2048 rsa3072 rsa4096 rsa2048e3; do
    for message in empty.txt hello.txt webhook.json random.bin; do
        stem=${message%%.*}
        out=signatures/$key-$stem-sha256.sig
        openssl dgst -sha256 -sign keys/$key.private.pem -out $out messages/$message
        echo "signature $out format=binary key=$key hash=sha256 message=messages/$message" >> manifest.txt
    done
    for hash in sha1 sha512; do
        if [ "$key" = rsa512 ] && [ "$hash" = sha512 ]; then continue; fi
        out=signatures/$key-webhook-$hash.b64
        openssl dgst -$hash -sign keys/$key.private.pem messages/webhook.json | openssl base64 > $out
        echo "signature $out format=base64 key=$key hash=$hash message=messages/webhook.json" >> manifest.txt
    done
    # The raw RSAVP1 output (s^e mod n, no padding removed) of the SHA-256 signature of hello.txt.
    openssl pkeyutl -verifyrecover -pubin -inkey keys/$key.spki.pem -pkeyopt rsa_padding_mode:none \
        -in signatures/$key-hello-sha256.sig -out raw/$key-hello-sha256.em
    echo "rsavp1 signatures/$key-hello-sha256.sig key=$key output=raw/$key-hello-sha256.em" >> manifest.txt
done

#!/usr/bin/env bash
# Builds inspection-service/src/main/resources/fonts/wqy-microhei-gb2312.ttf, the CJK font the printable
# checklist form (附件2) embeds in its PDF (docs/adr/0015-cjk-font-for-printable-forms.md).
#
# Source: WenQuanYi Micro Hei (Debian package fonts-wqy-microhei), Apache-2.0 (or GPL-3+ with font exception).
# Subset: every character of GB 2312 (6,763 hanzi in both levels, punctuation, symbols, fullwidth forms), printable
# ASCII, and every character of the shipped checklist seed — so unit names and city additions print too.
# Needs: apt-get install fonts-wqy-microhei python3-fonttools. Re-run after a checklist seed adds new characters.
set -euo pipefail
cd "$(dirname "$0")/../.."
SRC=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
OUT=inspection-service/src/main/resources/fonts/wqy-microhei-gb2312.ttf
chars=$(mktemp)
/usr/bin/python3 - "$chars" inspection-service/src/main/resources/checklist/*.json <<'PY'
import sys
out, seeds = sys.argv[1], sys.argv[2:]
chars = set(chr(c) for c in range(0x20, 0x7f))
for hi in range(0xA1, 0xF8):          # GB 2312 rows 1-87 (EUC-CN lead bytes A1-F7)
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
for f in seeds:
    chars.update(ch for ch in open(f, encoding='utf-8').read() if not ch.isspace() or ch == ' ')
chars.update('□³²·—～')                # squares for missing glyphs; units such as mg/m³
open(out, 'w', encoding='utf-8').write(''.join(sorted(chars)))
PY
/usr/bin/python3 -m fontTools.subset "$SRC" --font-number=0 --text-file="$chars" --output-file="$OUT" \
  --layout-features='*' --name-IDs='*' --name-legacy --name-languages='*' --no-hinting --notdef-outline
rm -f "$chars"
ls -l "$OUT"

#!/usr/bin/env python3
"""Writes the input fixtures whose bytes matter (encodings, BOMs, line ends).

Run from this folder: python3 make_fixtures.py. The plain-text fixtures beside
it are written by hand; this script makes the ones an editor would spoil.
"""


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


# Excel's "Unicode text": UTF-16LE with BOM, tab-delimited, CRLF, decimal commas.
excel = (
    "date\tplace\tcountry\ttype\tlatitude\tlongitude\tfatalities\tdescription\r\n"
    "22.03.2024\tДушанбе\tTJ\tArmed attack\t\t\t2\tНападение на пост\r\n"
    "2024-03-23\tKhujand\tTJ\tArrests\t40,2826\t69,6222\t\tPolice detained 3 people\r\n"
)
write("excel_unicode_text.txt", "\ufeff".encode("utf-16-le") + excel.encode("utf-16-le"))
# The same in UTF-16BE with BOM, comma-delimited.
be = "place,country,fatalities\nKöln,DE,1\nMalmö,SE,\n"
write("utf16be.csv", "\ufeff".encode("utf-16-be") + be.encode("utf-16-be"))

# Windows-1252 from an old spreadsheet: accents, an en dash (0x96), a euro sign (0x80).
cp1252 = (
    "date,place,country,type,description\n"
    "2024-05-01,Köln,DE,Arson,Brandanschlag – Schaden 10000 €\n"
    "2024-05-02,Zürich,CH,Vandalism,Dégâts à la façade\n"
    "2024-05-03,Malmö,SE,Arson,Bil brann på gatan\n"
)
write("windows1252.csv", cp1252.encode("cp1252"))
# Windows-1251 (Cyrillic) from a Russian Excel: semicolons, guessed as such.
cp1251 = "дата;место;страна\n2024-03-22;Душанбе;Таджикистан\n2024-03-23;Худжанд;Таджикистан\n"
write("windows1251.csv", cp1251.encode("cp1251"))
# A UTF-8 file with one row pasted from a Windows-1252 source.
mixed = "place,country,description\nKöln,DE,Straße gesperrt\nZürich,CH,".encode() + "Dégâts\n".encode("cp1252")
write("utf8_with_one_cp1252_row.csv", mixed)

# UTF-8 with BOM and CRLF line ends.
write(
    "bom_crlf.csv",
    b"\xef\xbb\xbf" + "date,place,country,fatalities\r\n2024-01-03,Kerman,IR,91\r\n2024-01-28,Istanbul,TR,1\r\n".encode(),
)

# Quoted fields with line breaks (LF and CRLF); the bad row after them must
# be reported at the line where it starts.
write(
    "embedded_newlines.csv",
    (
        "date,place,country,description\r\n"
        '2024-01-03,Kerman,IR,"Two blasts.\r\nThe second one\r\n20 minutes later."\r\n'
        '2024-01-28,Istanbul,TR,"Gunmen\nat a church"\n'
        '2024-02-30,Moscow,RU,"Impossible date,\non two lines"\n'
        "2024-03-22,Moscow,RU,one line\n"
    ).encode(),
)

# Empty and nearly empty inputs.
write("empty.csv", b"")
write("bom_only.csv", b"\xef\xbb\xbf")
write("whitespace_only.csv", b"  \r\n\r\n")
write("header_only.csv", b"date,place,country\r\n")
write("header_only_utf16.txt", "\ufeffdate\tplace\r\n".encode("utf-16-le"))
write("blank_rows.csv", b"date,place,country\n,,\n , ,\n")
write("no_usable_column.csv", b"when,what\n2024-01-01,something\n")

# Hostile text: markup, entities, CDATA ends, control characters, bidi overrides.
hostile = (
    "date,place,country,type,description,source\n"
    '2024-03-22,Moscow,RU,"<script>alert(1)</script>","</text><g id=""evil""><circle r=""999""/></g>&amp;&lt;","]]><!--x-->"\n'
    '2024-03-23,Kerman,IR,"Bomb\x07ing\x1b[31m\u202eTXE","<?xml-stylesheet href=""x""?><!DOCTYPE x [<!ENTITY e ""boom"">]>&e;","\x00nul"\n'
    "2024-03-24,Istanbul,TR,\"\"\"><svg onload=alert(2)>\",\"' onmouseover='alert(3)\",normal\n"
)
write("hostile.csv", hostile.encode())

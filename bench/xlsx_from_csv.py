#!/usr/bin/env python3
"""Writes a CSV file as a one-sheet .xlsx (numbers as numbers, text as inline strings), for
timings of the workbook reader: python3 bench/xlsx_from_csv.py IN.csv OUT.xlsx"""
import csv, sys, zipfile
from xml.sax.saxutils import escape
src, out = sys.argv[1], sys.argv[2]
def col(i):
    s=""
    i+=1
    while i: i,r=divmod(i-1,26); s=chr(65+r)+s
    return s
rows=[]
with open(src, newline='', encoding='utf-8-sig') as f:
    for n,row in enumerate(csv.reader(f),1):
        cells=[]
        for j,v in enumerate(row):
            ref=f"{col(j)}{n}"
            try:
                float(v); cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            except ValueError:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        rows.append(f'<row r="{n}">{"".join(cells)}</row>')
sheet='<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'+"".join(rows)+'</sheetData></worksheet>'
types='<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
rels='<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
book='<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
brels='<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
with zipfile.ZipFile(out,'w',zipfile.ZIP_DEFLATED) as z:
    for n,b in [("[Content_Types].xml",types),("_rels/.rels",rels),("xl/workbook.xml",book),("xl/_rels/workbook.xml.rels",brels),("xl/worksheets/sheet1.xml",sheet)]:
        z.writestr(n,b)
print(len(rows),"rows", len(sheet),"bytes of sheet XML")

#!/usr/bin/env python3
"""Generates spend files that look like the ones anchors publish, for the demo and the ingest benchmark.

Every file is labelled as generated demo data in its title line (where the layout has title lines) and every
supplier name is invented. Layouts:
  council   Darlington's layout: two title lines, a blank line, ",,Directotate,Service,Supplier,..." with ISO dates,
            amounts net of VAT with thousands separators, Windows-1252 ("£" in the title)
  nhs       an NHS trust's "spend over £25,000" file: Department family, Entity, Date paid (dd/mm/yyyy),
            Expense type, Expense area, Supplier, Transaction number, Amount in sterling (gross), UTF-8 with BOM
  college   a finance system export: Payment Date, Supplier Name, Supplier Reference, Net Amount, VAT,
            Description, Cost Centre, Transaction Number, Line
  transparency  North Tyneside's Transparency Code layout (about 215 bytes a row), used by the benchmark

Usage: generate-spend.py LAYOUT ROWS OUT.csv [--seed N] [--year 2025] [--copy-tsv OUT.tsv --anchor ORG]
                         [--suppliers N] [--vendor-master OUT.csv]
--copy-tsv also writes the same rows, already parsed, in PostgreSQL COPY text format with the payment table's
columns (the benchmark's COPY baseline). --suppliers draws the payees from a pool of N suppliers (the demo's named
suppliers first), and --vendor-master writes that pool as the anchor's vendor master: references, company numbers,
postcodes (from the demo geography), size and VCSE.
"""
import argparse
import base64
import datetime
import hashlib
import random
import uuid

PLACES = ["Darlington", "Tees Valley", "Stockton", "Middlesbrough", "Hartlepool", "Redcar", "Durham", "Northallerton",
          "Leeds", "Manchester", "London", "Birmingham", "Newcastle", "Sunderland", "York", "Bristol"]
TRADES = ["Building Supplies", "Catering", "Cleaning Services", "Electrical", "Plumbing & Heating", "IT Services",
          "Consulting", "Print & Design", "Landscaping", "Care Services", "Transport", "Security", "Office Supplies",
          "Medical Supplies", "Training", "Legal Services", "Bakery", "Coffee Co", "Joinery", "Waste Management"]
FORMS = ["Ltd", "Limited", "LLP", "& Sons Ltd", "Group Ltd", "CIC", "Trust", "plc"]
DEPARTMENTS = [("People", ["Adult Social Care", "Children's Services", "Education"]),
               ("Place", ["Highways", "Waste & Recycling", "Planning", "Housing"]),
               ("Resources", ["ICT", "Finance", "Legal and Procurement", "HR"]),
               ("Economic Growth", ["Economic Initiative", "Town Centre", "Culture"])]
ACCOUNTS = ["Professional Fees & Consultancy", "Equipment & Materials", "Catering Provisions", "Ict Software Support",
            "Building Repairs", "Private Contractors", "Grants", "Vehicle Hire", "Cleaning", "Training Costs"]
EXPENSE_TYPES = ["Clinical supplies", "Drugs", "Premises", "Healthcare from NHS bodies", "Consultancy", "IT",
                 "Establishment", "Transport", "Agency staff"]
CLASSIFICATIONS = ["CONSTRUCTION.BUILDING MATERIALS", "SOCIAL CARE.DAY CARE", "INFORMATION COMMUNICATION TECHNOLOGY.SOFTWARE",
                   "FACILITIES MANAGEMENT.CLEANING", "CATERING.FOOD", "CONSULTANCY.CONSULTANCY", "NON INFLUENCIBLE.PUBLIC SECTOR"]


def suppliers(rng, count):
    names = set()
    while len(names) < count:
        names.add(f"{rng.choice(PLACES)} {rng.choice(TRADES)} {rng.choice(FORMS)}".upper())
    return sorted(names)


def amount(rng, minimum):
    # Long-tailed, as real spend is: many small invoices, a few large ones.
    value = minimum + rng.paretovariate(1.3) * minimum * 0.4
    return round(min(value, 2_500_000), 2)


def money(value, separators):
    return f"{value:,.2f}" if separators else f"{value:.2f}"


# The demo's named suppliers (they sign the charter or bid in the demo) and where they are.
NAMED = [("GB-COH-10000002", "DL Building Supplies Ltd", "DL1 1AA", "SMALL", False),
         ("GB-COH-10000003", "Quaker Coffee Co", "DL1 5QT", "MICRO", False),
         ("GB-COH-10000004", "Tees Valley Bakery CIC", "TS18 1AA", "MICRO", True),
         ("GB-CHC-1000015", "Darlington Community Transport", "DL3 6JL", "SMALL", True),
         ("GB-COH-10000017", "National Facilities Group plc", "B1 1BB", "LARGE", False)]
# Postcodes of the demo geography (deploy/local/demo/geography), weighted towards Darlington, and some it lacks.
POSTCODES = ["DL1 5QT", "DL3 6JL", "DL1 1AA", "DL2 1AA", "DL1 5QT", "DL3 6JL", "DL2 2UL", "DL5 6DX", "DL14 7AA",
             "DH1 3LE", "TS1 1AA", "TS18 1AA", "NE1 4ST", "DL10 4AA", "LS1 4AP", "M1 1AE", "B1 1BB"]


def pool_of(rng, size):
    """Suppliers as a vendor master knows them: (reference, name, company number, postcode, size, vcse)."""
    if size is None:
        return [(str(100000 + i), name, None, None, None, None) for i, name in enumerate(suppliers(rng, 2000))]
    pool = [(f"V{1000 + i}", name, org[7:] if org.startswith("GB-COH-") else None, postcode, size_class, vcse)
            for i, (org, name, postcode, size_class, vcse) in enumerate(NAMED)]
    for name in suppliers(rng, max(0, size - len(NAMED))):
        pool.append((f"V{1000 + len(pool)}", name, f"{rng.randrange(10_000_000, 99_999_999):08d}", rng.choice(POSTCODES),
                     rng.choice(["MICRO", "SMALL", "SMALL", "MEDIUM", "LARGE"]), rng.random() < 0.1))
    return pool


def write_vendor_master(path, pool):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("Supplier Reference,Supplier Name,Company Number,Postcode,Size,VCSE\n")
        for reference, name, company, postcode, size_class, vcse in pool:
            out.write(f'{reference},"{name}",{company or ""},{postcode or ""},{size_class or ""},'
                      f'{"" if vcse is None else ("yes" if vcse else "no")}\n')


def rows(rng, count, year, minimum, pool):
    start = datetime.date(year, 4, 1)
    for i in range(count):
        directorate, services = rng.choice(DEPARTMENTS)
        redacted = rng.random() < 0.04
        supplier = rng.choice(pool)
        yield {
            "date": start + datetime.timedelta(days=rng.randrange(365)),
            "ref": str(55000000 + i),
            "line": "1" if rng.random() < 0.9 else str(rng.randint(2, 4)),
            "amount": amount(rng, minimum) * (-1 if rng.random() < 0.01 else 1),
            "supplier": "Redacted Personal Data" if redacted else supplier[1],
            "supplier_ref": supplier[0],
            "directorate": directorate,
            "service": rng.choice(services),
            "account": rng.choice(ACCOUNTS),
            "expense_type": rng.choice(EXPENSE_TYPES),
            "classification": rng.choice(CLASSIFICATIONS),
            "redacted": redacted,
        }


def write_council(out, data, year):
    out.write(f",,Darlington Borough Council (GENERATED DEMO DATA) - Analysis of Transactions Over £500,,,,,,,,\r\n")
    out.write(f",,Financial year {year}-{str(year + 1)[2:]},,,,,,,,\r\n,,,,,,,,,,\r\n")
    out.write(",,Directotate,Service,Supplier,Transaction Number,Transaction Date,Invoice Line Value (net of VAT),"
              "Account,Bal Sheet Level 1,Bal Sheet Level 2\r\n")
    for r in data:
        supplier = r["supplier"].replace('"', "")
        out.write(f'INSERTED DETAIL,,{r["directorate"]},{r["service"]},"{supplier}",{r["ref"]},{r["date"].isoformat()},'
                  f'"{money(r["amount"], True)}",{r["account"]},SUPPLIES & SERVICES,SERVICES\r\n')


def write_nhs(out, data):
    out.write("\ufeffDepartment family,Entity,Date paid,Expense type,Expense area,Supplier,Transaction number,"
              "Amount in sterling,Note\n")
    for r in data:
        out.write(f'Department of Health,County Durham and Darlington NHS FT (GENERATED DEMO DATA),'
                  f'{r["date"].strftime("%d/%m/%Y")},{r["expense_type"]},{r["directorate"]},"{r["supplier"]}",'
                  f'{r["ref"]},{money(r["amount"], False)},generated\n')


def write_college(out, data):
    out.write("Payment Date,Supplier Name,Supplier Reference,Net Amount,VAT,Description,Cost Centre,"
              "Transaction Number,Line\n")
    for r in data:
        vat = round(abs(r["amount"]) * 0.2, 2)
        out.write(f'{r["date"].isoformat()},"{r["supplier"]}",{r["supplier_ref"]},{money(r["amount"], False)},'
                  f'{vat:.2f},{r["account"]} (generated demo data),{r["service"]},{r["ref"]},{r["line"]}\n')


TRANSPARENCY_HEADER = ("Payment Date,Transaction Number,Net Amount,Supplier (Beneficiary) Name,"
                       "Local Supplier Internal Reference,Directorate / Service Where Expenditure Incurred,"
                       "Service Category Label,Service Category URI,SeRCOP Expenditure Category,SeRCOP Expenditure Code,"
                       "Purpose of Spend,SeRCOP Detailed Expenditure Code,Capital/Revenue,Procurement Classification\n")


def write_transparency(out, data, copy_out, anchor):
    out.write(TRANSPARENCY_HEADER)
    batch = uuid.uuid4()
    for n, r in enumerate(data, start=2):
        out.write(f'{r["date"].isoformat()},{r["ref"]},{money(r["amount"], False)},"{r["supplier"]}",{r["supplier_ref"]},'
                  f'"{r["directorate"]}, {r["service"]}",{r["service"]},103,Supplies and Services,504,'
                  f'"{r["account"]}: {r["service"]} ({r["directorate"]})",5034,Revenue,{r["classification"]}\n')
        if copy_out:
            key = "h:" + base64.urlsafe_b64encode(hashlib.sha256(
                f'{r["date"]}|{r["amount"]:.2f}|{r["supplier"]}|{r["ref"]}'.encode()).digest()[:16]).decode().rstrip("=") + ":1"
            name = "\\N" if r["redacted"] else r["supplier"]
            copy_out.write("\t".join([
                str(uuid.uuid4()), anchor, key, r["date"].isoformat(), "DAY", f'{r["amount"]:.2f}', "NET", "\\N", name,
                "\\N", r["supplier_ref"], f'{r["account"]}: {r["service"]} ({r["directorate"]})', f'{r["directorate"]}, {r["service"]}', "Supplies and Services",
                r["classification"], "REVENUE", r["ref"], "", "t" if r["redacted"] else "f", str(batch), str(n),
                "2026-01-01 00:00:00+00"]) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("layout", choices=["council", "nhs", "college", "transparency"])
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--year", type=int, default=2025, help="first year of the financial year")
    parser.add_argument("--copy-tsv")
    parser.add_argument("--anchor", default="GB-LAE-DAL")
    parser.add_argument("--suppliers", type=int)
    parser.add_argument("--vendor-master")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    minimum = 25000 if args.layout == "nhs" else 500
    # The pool has a seed of its own, so every anchor's file pays the same demo suppliers.
    pool = pool_of(random.Random(7) if args.suppliers else rng, args.suppliers)
    if args.vendor_master:
        write_vendor_master(args.vendor_master, pool)
    data = rows(rng, args.rows, args.year, minimum, pool)
    encoding = "windows-1252" if args.layout == "council" else "utf-8"
    with open(args.out, "w", encoding=encoding, newline="") as out:
        if args.layout == "council":
            write_council(out, data, args.year)
        elif args.layout == "nhs":
            write_nhs(out, data)
        elif args.layout == "college":
            write_college(out, data)
        else:
            copy_out = open(args.copy_tsv, "w", encoding="utf-8", newline="") if args.copy_tsv else None
            try:
                write_transparency(out, data, copy_out, args.anchor)
            finally:
                if copy_out:
                    copy_out.close()


if __name__ == "__main__":
    main()

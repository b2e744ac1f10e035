-- Payments as anchors publish them (Transparency Code and NHS spend files): VAT basis and amount, department,
-- expense type, procurement classification, capital or revenue, the transaction's line, payments to individuals
-- whose names are withheld, and the row of the batch each payment came from.
alter table payment add column amount_basis varchar(10) not null default 'UNKNOWN'
    check (amount_basis in ('NET', 'GROSS', 'UNKNOWN'));
alter table payment add column vat_amount numeric(14, 2);
alter table payment add column department varchar(200);
alter table payment add column expense_type varchar(200);
alter table payment add column procurement_classification varchar(200);
alter table payment add column capital_or_revenue varchar(10) check (capital_or_revenue in ('CAPITAL', 'REVENUE'));
-- '' when the publisher gives no line number: one line per transaction.
alter table payment add column transaction_line varchar(20) not null default '';
alter table payment add column redacted boolean not null default false;
alter table payment add column source_row bigint;
-- A redacted payment carries no supplier name at all.
alter table payment alter column supplier_name drop not null;
alter table payment add constraint payment_named_unless_redacted check (redacted or supplier_name is not null);
alter table payment add constraint payment_redacted_has_no_name check (not redacted or supplier_name is null);
-- A transaction may have several lines; each (transaction, line) is stored once.
alter table payment drop constraint payment_anchor_org_id_transaction_ref_key;
alter table payment add constraint payment_transaction_line_once unique (anchor_org_id, transaction_ref, transaction_line);

package org.anchornetwork.spend.ingest.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.spend.BatchIngestedV1;
import org.anchornetwork.messaging.OutboxWriter;
import org.anchornetwork.spend.geography.LocalityTier;
import org.anchornetwork.spend.geography.service.LocalSpend;
import org.anchornetwork.spend.geography.service.Localities;
import org.anchornetwork.spend.ingest.IngestBatch;
import org.anchornetwork.spend.rollup.AnchorYears;
import org.anchornetwork.spend.rollup.SpendRollups;
import org.anchornetwork.spend.geography.service.TierEpochs;
import org.anchornetwork.spend.rollup.service.CubeMaintenance;
import org.anchornetwork.spend.supplier.SupplierNames;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Stores a batch of payments from any channel, in one transaction. Rows stream from the channel's reader into a
 * temporary table with PostgreSQL's COPY (never the whole file in memory), then move to {@code payment} in one
 * statement that skips rows stored before. The batch, its errors and its event are written in the same
 * transaction, so a batch is either wholly recorded or not at all.
 */
@ApplicationScoped
public class PaymentIngest {

    private static final Logger LOG = Logger.getLogger(PaymentIngest.class);

    /** How many errors and duplicates a response quotes; the rest are read through the batch's errors. */
    public static final int QUOTED = 100;

    private static final String STAGING_COLUMNS = "source_row, row_key, payment_date, date_precision, amount, "
            + "amount_basis, vat_amount, supplier_name, supplier_org_id, supplier_reference, description, department, "
            + "expense_type, procurement_classification, capital_or_revenue, transaction_ref, transaction_line, redacted, "
            + "supplier_name_normalised";

    private final EntityManager entityManager;
    private final OutboxWriter outbox;
    private final Localities localities;
    private final LocalSpend localSpend;
    private final TierEpochs tierEpochs;
    private final int maxRecordedErrors;
    private final Duration transactionTimeout;

    public PaymentIngest(EntityManager entityManager, OutboxWriter outbox, Localities localities, LocalSpend localSpend,
            TierEpochs tierEpochs,
            @ConfigProperty(name = "anchor.spend.ingest.max-recorded-errors", defaultValue = "10000") int maxRecordedErrors,
            @ConfigProperty(name = "anchor.spend.ingest.transaction-timeout", defaultValue = "PT30M") Duration transactionTimeout) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.localities = localities;
        this.localSpend = localSpend;
        this.tierEpochs = tierEpochs;
        this.maxRecordedErrors = maxRecordedErrors;
        this.transactionTimeout = transactionTimeout;
    }

    /** Who sends what, and how strictly. */
    public record Submission(String anchorOrgId, String submittedByOrgId, IngestBatch.Channel channel, String fileName,
            IngestBatch.Mode mode) {
    }

    /** What the reader learnt about a file while reading it; all null for JSON. */
    public record SourceDetails(String encoding, Long headerRow, String mappingJson) {
        public static final SourceDetails NONE = new SourceDetails(null, null, null);
    }

    /** A row that was not stored because the same payment had been stored before (or earlier in the batch). */
    public record DuplicateRow(long row, String transactionRef) {
    }

    /**
     * The recorded batch, with the first errors and duplicates to quote, and (for small JSON batches) the ids of
     * the payments stored.
     */
    public record Outcome(IngestBatch batch, List<ProblemError> firstErrors, List<DuplicateRow> firstDuplicates,
            List<UUID> storedPaymentIds) {
    }

    /**
     * Reads every row through {@code reader} and records the batch. The reader may throw an
     * {@link org.anchornetwork.common.problem.ApiProblemException} for a fault in the whole source (no header
     * found, unreadable encoding): then nothing at all is written.
     */
    public Outcome ingest(Submission submission, Function<RowSink, SourceDetails> reader) {
        return QuarkusTransaction.requiringNew().timeout((int) transactionTimeout.toSeconds())
                .call(() -> entityManager.unwrap(Session.class).doReturningWork(connection -> run(connection, submission, reader)));
    }

    private Outcome run(Connection connection, Submission submission, Function<RowSink, SourceDetails> reader)
            throws SQLException {
        OffsetDateTime receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
        UUID batchId = UUID.randomUUID();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create temp table incoming_payment (
                        source_row bigint, row_key varchar(220), payment_date date, date_precision varchar(5),
                        amount numeric(14, 2), amount_basis varchar(10), vat_amount numeric(14, 2), supplier_name varchar(300),
                        supplier_org_id varchar(80), supplier_reference varchar(100), description varchar(500),
                        department varchar(200), expense_type varchar(200), procurement_classification varchar(200),
                        capital_or_revenue varchar(10), transaction_ref varchar(100), transaction_line varchar(20),
                        redacted boolean, supplier_name_normalised varchar(300)) on commit drop""");
        }
        CubeMaintenance.writingPayments(connection);
        long started = System.nanoTime();
        long staged;
        CopyWriter copy = CopyWriter.start(connection, "incoming_payment", STAGING_COLUMNS);
        StagingSink sink = new StagingSink(copy, submission.mode());
        SourceDetails details;
        try {
            details = reader.apply(sink);
            copy.finish();
            staged = System.nanoTime();
        } catch (RuntimeException | SQLException e) {
            copy.cancel();
            throw e;
        }

        IngestBatch batch = new IngestBatch();
        batch.id = batchId;
        batch.anchorOrgId = submission.anchorOrgId();
        batch.submittedByOrgId = submission.submittedByOrgId();
        batch.channel = submission.channel();
        batch.fileName = submission.fileName();
        batch.mode = submission.mode();
        batch.encoding = details.encoding();
        batch.headerRow = details.headerRow();
        batch.mapping = details.mappingJson();
        batch.rowsRead = sink.accepted + sink.rejectedRows;
        batch.rowsRejected = sink.rejectedRows;
        batch.amountAccepted = BigDecimal.ZERO.setScale(2);
        List<DuplicateRow> duplicates = List.of();
        List<UUID> storedIds = List.of();
        boolean store = sink.rejectedRows == 0 || submission.mode() == IngestBatch.Mode.ACCEPT_VALID;
        Map<UUID, BigDecimal> bySupplier = Map.of();
        long moved = staged;
        if (store && sink.accepted > 0) {
            noteSuppliers(connection);
            CubeMaintenance.noteExpenseTypes(connection, sink.expenseTypes);
            bySupplier = moveToPayments(connection, batch, receivedAt);
            moved = System.nanoTime();
            batch.rowsDuplicate = sink.accepted - batch.rowsAccepted;
            if (batch.rowsDuplicate > 0) {
                duplicates = firstDuplicates(connection, batch);
            }
            if (submission.channel() == IngestBatch.Channel.JSON) {
                storedIds = storedIds(connection, batch);
            }
        }
        batch.status = !store ? IngestBatch.Status.REJECTED
                : sink.rejectedRows > 0 ? IngestBatch.Status.PARTIALLY_ACCEPTED : IngestBatch.Status.ACCEPTED;
        batch.errorsRecorded = sink.errors.size();
        batch.receivedAt = receivedAt;
        batch.completedAt = OffsetDateTime.now(ZoneOffset.UTC);
        entityManager.persist(batch);
        entityManager.flush();
        BatchErrors.record(connection, batchId, sink.errors);
        if (batch.rowsAccepted > 0) {
            outbox.append(EventTypes.BATCH_INGESTED_V1, batch.anchorOrgId, ingested(connection, batch, bySupplier));
        }
        long finished = System.nanoTime();
        LOG.infof("Batch %s (%s, %s): %d rows read and staged in %d ms, %d stored in %d ms, recorded in %d ms", batchId,
                batch.channel, batch.anchorOrgId, batch.rowsRead, (staged - started) / 1_000_000, batch.rowsAccepted,
                (moved - staged) / 1_000_000, (finished - moved) / 1_000_000);
        return new Outcome(batch, sink.errors.subList(0, Math.min(QUOTED, sink.errors.size())), duplicates, storedIds);
    }

    /** Moves the staged rows into payment; returns the amounts stored by supplier. */
    private static Map<UUID, BigDecimal> moveToPayments(Connection connection, IngestBatch batch, OffsetDateTime now)
            throws SQLException {
        // Rows with the same key go in source order, so the first is stored and the later one is the duplicate.
        // Each is matched to a supplier on the way: by the anchor's reference, else identifier, else normalised name;
        // a redacted payee never is, whatever reference or identifier it carries (decision 0009).
        try (PreparedStatement insert = connection.prepareStatement("""
                with stored as (
                    insert into payment (id, anchor_org_id, row_key, payment_date, date_precision, amount, amount_basis,
                        vat_amount, supplier_name, supplier_org_id, supplier_reference, description, department,
                        expense_type, procurement_classification, capital_or_revenue, transaction_ref, transaction_line,
                        redacted, batch_id, source_row, created_at, supplier_name_normalised, supplier_id, match_method)
                    select gen_random_uuid(), ?, s.row_key, s.payment_date, s.date_precision, s.amount, s.amount_basis,
                        s.vat_amount, s.supplier_name, s.supplier_org_id, s.supplier_reference, s.description, s.department,
                        s.expense_type, s.procurement_classification, s.capital_or_revenue, s.transaction_ref,
                        s.transaction_line, s.redacted, ?, s.source_row, ?, s.supplier_name_normalised,
                        coalesce(r.supplier_id, i.supplier_id, n.supplier_id),
                        case when r.supplier_id is not null then 'REFERENCE' when i.supplier_id is not null then 'IDENTIFIER'
                            when n.supplier_id is not null then 'NAME' end
                    from incoming_payment s
                    left join supplier_reference r on not s.redacted and r.anchor_org_id = ? and r.reference = s.supplier_reference
                    left join supplier_identity i on not s.redacted and i.identifier = s.supplier_org_id
                    left join supplier_name n on not s.redacted and n.normalised_name = s.supplier_name_normalised
                    %s
                    on conflict (anchor_org_id, row_key) do nothing
                    returning anchor_org_id, payment_date, amount, supplier_id, expense_type, redacted),
                delta as (%s),
                %s
                select supplier_id, sum(payment_count), sum(amount), min(first_date), max(last_date) from delta
                group by supplier_id""".formatted(
                // Only a JSON batch can repeat a key (a file row's key counts its identical rows), so only it needs
                // file order; sorting a million file rows for nothing would cost a second.
                batch.channel == IngestBatch.Channel.CSV ? "" : "order by s.source_row",
                SpendRollups.deltaOf("stored", SpendRollups.supplierKey("supplier_id"), 1),
                SpendRollups.applyDelta("delta")))) {
            insert.setString(1, batch.anchorOrgId);
            insert.setObject(2, batch.id);
            insert.setObject(3, now);
            insert.setString(4, batch.anchorOrgId);
            // One row per supplier paid: the batch's totals, and the amounts the event places in tiers.
            Map<UUID, BigDecimal> bySupplier = new HashMap<>();
            long count = 0;
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            LocalDate first = null;
            LocalDate last = null;
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    UUID supplier = result.getObject(1, UUID.class);
                    BigDecimal amount = result.getBigDecimal(3).setScale(2);
                    count += result.getLong(2);
                    total = total.add(amount);
                    bySupplier.merge(supplier, amount, BigDecimal::add);
                    LocalDate from = result.getObject(4, LocalDate.class);
                    LocalDate to = result.getObject(5, LocalDate.class);
                    first = first == null || from.isBefore(first) ? from : first;
                    last = last == null || to.isAfter(last) ? to : last;
                }
            }
            batch.rowsAccepted = count;
            batch.amountAccepted = total;
            batch.firstPaymentDate = first;
            batch.lastPaymentDate = last;
            return bySupplier;
        }
    }

    /** The event: what the batch stored, and how much of it went to suppliers local to each tier in force. */
    private BatchIngestedV1 ingested(Connection connection, IngestBatch batch, Map<UUID, BigDecimal> bySupplier)
            throws SQLException {
        List<LocalityTier> tiers = localities.tiersInForce(batch.lastPaymentDate);
        LocalSpend.Totals spend = LocalSpend.totals(bySupplier, localSpend.areasOf(bySupplier.keySet()), tiers);
        List<BatchIngestedV1.TierTotal> totals = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            totals.add(new BatchIngestedV1.TierTotal(tiers.get(i).key.name(), tiers.get(i).key.version(), spend.local().get(i)));
        }
        return new BatchIngestedV1(batch.id, batch.anchorOrgId, batch.channel.name(), batch.firstPaymentDate,
                batch.lastPaymentDate, (int) batch.rowsAccepted, batch.amountAccepted, totals, spend.unknown(),
                AnchorYears.between(connection, batch.anchorOrgId, batch.firstPaymentDate, batch.lastPaymentDate, tierEpochs.epochs()));
    }

    private static List<DuplicateRow> firstDuplicates(Connection connection, IngestBatch batch) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select i.source_row, i.transaction_ref, i.transaction_line
                from incoming_payment i join payment p on p.anchor_org_id = ? and p.row_key = i.row_key
                where not (p.batch_id = ? and p.source_row = i.source_row)
                order by i.source_row limit ?""")) {
            query.setString(1, batch.anchorOrgId);
            query.setObject(2, batch.id);
            query.setInt(3, QUOTED);
            List<DuplicateRow> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new DuplicateRow(result.getLong(1), RowKeys.describe(result.getString(2), result.getString(3))));
                }
            }
            return rows;
        }
    }

    private static List<UUID> storedIds(Connection connection, IngestBatch batch) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select p.id from incoming_payment i join payment p on p.anchor_org_id = ? and p.row_key = i.row_key
                where p.batch_id = ? and p.source_row = i.source_row order by i.source_row""")) {
            query.setString(1, batch.anchorOrgId);
            query.setObject(2, batch.id);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /**
     * Suppliers named with an organisation id join the registry (an existing one keeps its name and status), and the
     * names anchors write for them become names they are matched on.
     */
    private static void noteSuppliers(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    with new_organisations as (
                        select distinct on (supplier_org_id) supplier_org_id, supplier_name from incoming_payment s
                        where supplier_org_id is not null and supplier_name is not null
                            and not exists (select 1 from supplier_identity i where i.identifier = s.supplier_org_id)
                        order by supplier_org_id, source_row),
                    created as (
                        insert into supplier (id, organisation_id, name, charter_signatory, created_at, updated_at)
                        select gen_random_uuid(), supplier_org_id, supplier_name, false, now(), now() from new_organisations
                        on conflict (organisation_id) where organisation_id is not null do nothing
                        returning id, organisation_id)
                    insert into supplier_identity (identifier, scheme, supplier_id)
                    select organisation_id, substring(organisation_id from '^[A-Z]{2}-[A-Z]+'), id from created
                    on conflict (identifier) do nothing""");
            statement.executeUpdate("""
                    insert into supplier_name (normalised_name, supplier_id, name, kind)
                    select distinct on (s.supplier_name_normalised) s.supplier_name_normalised, i.supplier_id, s.supplier_name, 'NAME'
                    from incoming_payment s join supplier_identity i on i.identifier = s.supplier_org_id
                    where s.supplier_name_normalised is not null
                    order by s.supplier_name_normalised, s.source_row
                    on conflict (normalised_name) do nothing""");
        }
    }

    /** Writes accepted rows to COPY in PostgreSQL's text format and keeps the errors, up to the limit. */
    private final class StagingSink implements RowSink {
        private final CopyWriter copy;
        private final IngestBatch.Mode mode;
        private final List<ProblemError> errors = new ArrayList<>();
        private final Map<String, String> normalisedNames = new HashMap<>();
        /** Every expense type the batch uses ('' for none), so each has its category before the cubes need it. */
        private Set<String> expenseTypes = new HashSet<>();
        private long accepted;
        private long rejectedRows;

        StagingSink(CopyWriter copy, IngestBatch.Mode mode) {
            this.copy = copy;
            this.mode = mode;
        }

        @Override
        public void accept(IncomingPayment p) {
            accepted++;
            if (rejectedRows > 0 && mode == IngestBatch.Mode.ALL_OR_NOTHING) {
                return; // nothing will be stored; keep reading only to report every error
            }
            copy.field(Long.toString(p.sourceRow())).field(p.rowKey()).field(p.paymentDate().toString())
                    .field(p.datePrecision().name()).field(p.amount().toPlainString()).field(p.amountBasis().name())
                    .field(p.vatAmount() == null ? null : p.vatAmount().toPlainString()).field(p.supplierName())
                    .field(p.supplierOrgId()).field(p.supplierReference()).field(p.description()).field(p.department())
                    .field(p.expenseType()).field(p.procurementClassification())
                    .field(p.capitalOrRevenue() == null ? null : p.capitalOrRevenue().name()).field(p.transactionRef())
                    .field(p.transactionLine()).field(p.redacted() ? "t" : "f")
                    .field(normalised(p.supplierName()));
            copy.endRow();
            if (expenseTypes != null) {
                expenseTypes.add(p.expenseType() == null ? "" : p.expenseType());
                if (expenseTypes.size() > 10_000) {
                    expenseTypes = null; // an odd file: the database lists them instead
                }
            }
        }

        /** Spend files name the same few thousand suppliers again and again: normalise each name once. */
        private String normalised(String name) {
            if (name == null) {
                return null;
            }
            String known = normalisedNames.get(name);
            if (known == null && !normalisedNames.containsKey(name)) {
                known = SupplierNames.normalise(name);
                if (normalisedNames.size() < 100_000) {
                    normalisedNames.put(name, known);
                }
            }
            return known;
        }

        @Override
        public void reject(List<ProblemError> rowErrors) {
            rejectedRows++;
            for (ProblemError error : rowErrors) {
                if (errors.size() < maxRecordedErrors) {
                    errors.add(error);
                }
            }
        }
    }
}

package org.anchornetwork.spend.rollup.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.anchornetwork.spend.geography.service.TierEpochs;
import org.anchornetwork.spend.rollup.Cube;
import org.anchornetwork.spend.rollup.SpendRollups;
import org.hibernate.Session;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the cubes in step with what their rows depend on besides payments: a supplier's profile (district, size,
 * VCSE, charter status), the tiers its sites are local to, and each expense type's category. The cubes reflect the
 * stored copies ({@code supplier_profile}, {@code supplier_locality}, {@code expense_category}); reconciling compares
 * them with what the registry, the geography, the tiers and the category rules now say, and for each supplier or
 * expense type that differs takes its rollup rows out of the cubes under the old copy and puts them back under the
 * new one, in one transaction. Never a recompute from payments: only the rows of what changed move.
 *
 * <p>Payment writers hold a shared lock and reconciling an exclusive one, so no batch is rolled up under a copy that
 * a concurrent reconcile is replacing.
 */
@ApplicationScoped
public class CubeMaintenance {

    private static final long LOCK = 0x5350454e44L; // "SPEND"

    /** The category an expense type gets: the first rule (by position) whose pattern matches it, else uncategorised. */
    private static final String CATEGORY_OF = """
            coalesce((select r.category_code from category_rule r
                where lower(btrim(%1$s)) like replace(replace(replace(replace(lower(r.pattern), '\\', '\\\\'), '%%', '\\%%'),
                    '_', '\\_'), '*', '%%')
                order by r.position limit 1), 'uncategorised')""";

    private final EntityManager entityManager;
    private final TierEpochs tierEpochs;

    public CubeMaintenance(EntityManager entityManager, TierEpochs tierEpochs) {
        this.entityManager = entityManager;
        this.tierEpochs = tierEpochs;
    }

    /** Called by a payment writer at the start of its transaction. */
    public static void writingPayments(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock_shared(?)")) {
            lock.setLong(1, LOCK);
            lock.execute();
        }
    }

    /**
     * Called at the start of a transaction that changes what suppliers are (sites, size, VCSE, charter status),
     * moves payments between suppliers or changes tiers or category rules; it reconciles before it commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changing() {
        entityManager.unwrap(Session.class).doWork(CubeMaintenance::lockExclusive);
    }

    /** Gives the batch's new expense types their category, before its rows are rolled up. */
    public static void noteExpenseTypes(Connection connection, Set<String> expenseTypes) throws SQLException {
        String source = expenseTypes == null
                ? "select distinct coalesce(expense_type, '') as expense_type from incoming_payment"
                : "select unnest(?::varchar[]) as expense_type";
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into expense_category (expense_type, category_code, influenceable)
                select n.expense_type, c.code, c.influenceable
                from (%s) n join spend_category c on c.code = %s
                where not exists (select 1 from expense_category e where e.expense_type = n.expense_type)
                on conflict (expense_type) do nothing""".formatted(source, CATEGORY_OF.formatted("n.expense_type")))) {
            if (expenseTypes != null) {
                insert.setArray(1, connection.createArrayOf("varchar", expenseTypes.toArray()));
            }
            insert.executeUpdate();
        }
    }

    /** Reconciles these suppliers (also ones just merged away) and every expense type. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reconcileSuppliers(Collection<UUID> suppliers) {
        if (!suppliers.isEmpty()) {
            entityManager.flush();
            entityManager.unwrap(Session.class).doWork(connection -> reconcile(connection, suppliers));
        }
    }

    /** Reconciles every supplier and every expense type (after the geography, the tiers or the category rules change). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reconcileAll() {
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(connection -> reconcile(connection, null));
    }

    /** Builds the cubes from the rollup once, at the first start after they were added; then reconciles at each start. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent start) {
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> entityManager.unwrap(Session.class).doWork(connection -> {
            lockExclusive(connection);
            boolean built;
            try (Statement statement = connection.createStatement();
                    ResultSet state = statement.executeQuery("select built from spend_cube_state where id = 1")) {
                built = state.next() && state.getBoolean(1);
            }
            if (built) {
                reconcile(connection, null);
            } else {
                build(connection);
            }
        }));
    }

    /** A safety net: anything that changed a supplier without reconciling is caught up within this interval. */
    @Scheduled(every = "${anchor.spend.cubes.reconcile-every:10m}", delayed = "${anchor.spend.cubes.reconcile-every:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcileRegularly() {
        QuarkusTransaction.requiringNew().timeout(3600).run(this::reconcileAll);
    }

    private static void lockExclusive(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            lock.execute();
        }
    }

    private void build(Connection connection) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("truncate " + String.join(", ", Cube.STORED.stream().map(cube -> cube.table).toList()) + ", "
                    + Cube.CATEGORY_YEAR);
            statement.execute("delete from supplier_profile");
            statement.execute("delete from supplier_locality");
            statement.execute("delete from expense_category");
            statement.execute("""
                    insert into expense_category (expense_type, category_code, influenceable)
                    select n.expense_type, c.code, c.influenceable
                    from (select distinct expense_type from spend_rollup) n join spend_category c on c.code = %s"""
                    .formatted(CATEGORY_OF.formatted("n.expense_type")));
        }
        writeDesired(connection, null);
        try (Statement statement = connection.createStatement()) {
            statement.execute("insert into supplier_profile select * from desired_profile");
            statement.execute("insert into supplier_locality select * from desired_locality");
            statement.execute("with moved as (" + SpendRollups.wholeRows("spend_rollup", "true", 1) + "),\n"
                    + SpendRollups.applyToCubes("moved") + "\nselect count(*) from moved");
            statement.execute("update spend_cube_state set built = true, built_at = now() where id = 1");
        }
        Log.infof("Spend cubes built from the rollup in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Moves what changed; {@code suppliers} null means every supplier. */
    private void reconcile(Connection connection, Collection<UUID> suppliers) throws SQLException {
        lockExclusive(connection);
        long started = System.nanoTime();
        String scope = "true";
        if (suppliers != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table if exists reconcile_scope");
                statement.execute("create temp table reconcile_scope (supplier_id uuid primary key) on commit drop");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into reconcile_scope select distinct unnest(?::uuid[])")) {
                insert.setArray(1, connection.createArrayOf("uuid", suppliers.toArray()));
                insert.executeUpdate();
            }
            scope = "%s in (select supplier_id from reconcile_scope)";
        }
        writeDesired(connection, suppliers == null ? null : scope);
        String stored = scope.formatted("supplier_id");
        int moved;
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists changed_supplier");
            statement.execute("""
                    create temp table changed_supplier on commit drop as
                    select supplier_id from (
                        (select supplier_id, lad_code, size_class, vcse, signatory from desired_profile
                         except select supplier_id, lad_code, size_class, vcse, signatory from supplier_profile where %1$s)
                        union
                        (select supplier_id, lad_code, size_class, vcse, signatory from supplier_profile where %1$s
                         except select supplier_id, lad_code, size_class, vcse, signatory from desired_profile)) p
                    union
                    select supplier_id from (
                        (select supplier_id, first_month, last_month, bits from desired_locality
                         except select supplier_id, first_month, last_month, bits from supplier_locality where %1$s)
                        union
                        (select supplier_id, first_month, last_month, bits from supplier_locality where %1$s
                         except select supplier_id, first_month, last_month, bits from desired_locality)) l""".formatted(stored));
            moved = moveRollupRows(statement, "supplier_id in (select supplier_id from changed_supplier)", """
                    delete from supplier_profile where supplier_id in (select supplier_id from changed_supplier);
                    insert into supplier_profile select * from desired_profile
                        where supplier_id in (select supplier_id from changed_supplier);
                    delete from supplier_locality where supplier_id in (select supplier_id from changed_supplier);
                    insert into supplier_locality select * from desired_locality
                        where supplier_id in (select supplier_id from changed_supplier)""");
            statement.execute("drop table if exists changed_expense_type");
            statement.execute("""
                    create temp table changed_expense_type on commit drop as
                    select n.expense_type, c.code as category_code, c.influenceable
                    from expense_category n join spend_category c on c.code = %s
                    where (n.category_code, n.influenceable) is distinct from (c.code, c.influenceable)"""
                    .formatted(CATEGORY_OF.formatted("n.expense_type")));
            moved += moveRollupRows(statement, "expense_type in (select expense_type from changed_expense_type)", """
                    update expense_category e set category_code = c.category_code, influenceable = c.influenceable
                    from changed_expense_type c where c.expense_type = e.expense_type""");
        }
        if (moved > 0) {
            Log.infof("Spend cubes: %d rollup rows moved for changed suppliers or categories in %d ms", moved,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Takes the matching rollup rows out of the cubes, runs {@code change}, and puts them back. */
    private static int moveRollupRows(Statement statement, String which, String change) throws SQLException {
        int rows;
        try (ResultSet count = statement.executeQuery("select count(*) from spend_rollup where " + which)) {
            count.next();
            rows = count.getInt(1);
        }
        if (rows == 0) {
            statement.execute(change);
            return 0;
        }
        for (int sign : new int[] { -1, 1 }) {
            statement.execute("with moved as (" + SpendRollups.wholeRows("spend_rollup", which, sign) + "),\n"
                    + SpendRollups.applyToCubes("moved") + "\nselect count(*) from moved");
            if (sign < 0) {
                statement.execute(change);
            }
        }
        return rows;
    }

    /**
     * Writes temp tables {@code desired_profile} and {@code desired_locality}: what the registry, the geography and
     * the tiers now say of the suppliers in scope ({@code scope} a condition on a supplier id column, null for all).
     */
    private void writeDesired(Connection connection, String scope) throws SQLException {
        String inScope = scope == null ? "true" : scope;
        List<TierEpochs.Epoch> epochs = tierEpochs.epochs();
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists desired_epoch_tier");
            statement.execute("create temp table desired_epoch_tier (first_month date, last_month date, bit integer, "
                    + "area_codes varchar(9)[]) on commit drop");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into desired_epoch_tier values (?, ?, ?, ?)")) {
            for (TierEpochs.Epoch epoch : epochs) {
                // An epoch without tiers still places located suppliers: local to none (bit -1 matches nothing).
                insert.setObject(1, epoch.firstMonth());
                insert.setObject(2, epoch.lastMonth());
                insert.setInt(3, -1);
                insert.setArray(4, connection.createArrayOf("varchar", new String[0]));
                insert.addBatch();
                for (TierEpochs.TierInForce tier : epoch.tiers()) {
                    Array codes = connection.createArrayOf("varchar", tier.areaCodes());
                    insert.setObject(1, epoch.firstMonth());
                    insert.setObject(2, epoch.lastMonth());
                    insert.setInt(3, tier.bit());
                    insert.setArray(4, codes);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists desired_profile");
            statement.execute("""
                    create temp table desired_profile on commit drop as
                    select s.id as supplier_id, coalesce(a.lad_code, '') as lad_code, coalesce(s.size_class, 'UNKNOWN') as size_class,
                        case when s.vcse then 'YES' when not s.vcse then 'NO' else 'UNKNOWN' end as vcse,
                        s.charter_signatory as signatory
                    from supplier s
                    left join (select distinct on (supplier_id) supplier_id, lad_code from supplier_site_area
                        where %1$s order by supplier_id, kind = 'REGISTERED_OFFICE' desc, postcode) a on a.supplier_id = s.id
                    where %2$s""".formatted(inScope.formatted("supplier_id"), inScope.formatted("s.id")));
            statement.execute("drop table if exists desired_locality");
            statement.execute("""
                    create temp table desired_locality on commit drop as
                    with areas as (
                        select x.supplier_id, array_agg(distinct code) as codes
                        from supplier_site_area x cross join lateral unnest(array[x.lad_code, x.region_code,
                            x.combined_authority_code]) as code
                        where code is not null and %1$s and exists (select 1 from supplier s where s.id = x.supplier_id)
                        group by x.supplier_id)
                    select a.supplier_id, t.first_month, t.last_month,
                        coalesce(bit_or(case when t.bit >= 0 and t.area_codes && a.codes then 1 << t.bit else 0 end), 0) as bits
                    from areas a cross join desired_epoch_tier t
                    group by 1, 2, 3""".formatted(inScope.formatted("x.supplier_id")));
        }
    }
}

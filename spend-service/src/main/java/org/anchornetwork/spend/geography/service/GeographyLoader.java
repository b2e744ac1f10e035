package org.anchornetwork.spend.geography.service;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.anchornetwork.spend.geography.Postcodes;
import org.anchornetwork.spend.ingest.service.CopyWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the geography at start from files a deployment downloads from their publishers: an ONS-style postcode file
 * (the ONS Postcode Directory or National Statistics Postcode Lookup: columns {@code pcds} and {@code laua}, or
 * {@code postcode} and {@code lad_code_current} as in the extracts the tests use) and a table of districts with their
 * region and combined authority. A file is loaded again only when its size or modification time changed. Nothing
 * configured means no geography: every supplier's location is then unknown.
 */
@ApplicationScoped
public class GeographyLoader {

    private static final Logger LOG = Logger.getLogger(GeographyLoader.class);
    private static final List<Pattern> POSTCODE_COLUMNS = patterns("pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode");
    private static final List<Pattern> DISTRICT_COLUMNS = patterns("laua", "oslaua", "lad_code_current", "lad\\d\\dcd",
            "ladcd", "lad_code");
    private static final List<Pattern> AUTHORITY_CODE = patterns("lad_code", "lad\\d\\dcd", "ladcd");
    private static final List<Pattern> AUTHORITY_NAME = patterns("lad_name", "lad\\d\\dnm", "ladnm");
    private static final List<Pattern> REGION_CODE = patterns("region_code", "rgn\\d\\dcd", "rgncd");
    private static final List<Pattern> COMBINED_AUTHORITY_CODE = patterns("combined_authority_code", "cauth\\d\\dcd", "cauthcd");

    private final EntityManager entityManager;
    private final Optional<List<String>> postcodeFiles;
    private final Optional<String> authorityFile;

    public GeographyLoader(EntityManager entityManager,
            @ConfigProperty(name = "anchor.spend.geography.postcode-files") Optional<List<String>> postcodeFiles,
            @ConfigProperty(name = "anchor.spend.geography.local-authority-file") Optional<String> authorityFile) {
        this.entityManager = entityManager;
        this.postcodeFiles = postcodeFiles;
        this.authorityFile = authorityFile;
    }

    void onStart(@Observes StartupEvent start) {
        List<Path> postcodes = postcodeFiles.map(GeographyLoader::resolve).orElse(List.of());
        List<Path> authorities = authorityFile.map(GeographyLoader::resolve).orElse(List.of());
        if (postcodes.isEmpty() && authorities.isEmpty()) {
            LOG.warn("No geography configured or found (anchor.spend.geography.postcode-files, "
                    + "anchor.spend.geography.local-authority-file): every supplier's location is unknown");
            return;
        }
        QuarkusTransaction.requiringNew().timeout(1800).run(() -> entityManager.unwrap(Session.class).doWork(connection -> {
            boolean postcodesChanged = false;
            for (Path file : postcodes) {
                postcodesChanged |= loadIfChanged(connection, "postcodes", file, this::loadPostcodes);
            }
            if (postcodesChanged) {
                rebuildDistricts(connection);
            }
            for (Path file : authorities) {
                loadIfChanged(connection, "local-authorities", file, this::loadAuthorities);
            }
        }));
    }

    private interface Load {
        long load(Connection connection, Path file) throws SQLException, IOException;
    }

    private boolean loadIfChanged(Connection connection, String kind, Path file, Load load) throws SQLException {
        String fingerprint;
        try {
            fingerprint = Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read geography file " + file, e);
        }
        try (PreparedStatement known = connection.prepareStatement(
                "select fingerprint from geography_source where kind = ? and location = ?")) {
            known.setString(1, kind);
            known.setString(2, file.toString());
            try (ResultSet result = known.executeQuery()) {
                if (result.next() && result.getString(1).equals(fingerprint)) {
                    return false;
                }
            }
        }
        long rows;
        try {
            rows = load.load(connection, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read geography file " + file, e);
        }
        try (PreparedStatement record = connection.prepareStatement("""
                insert into geography_source (kind, location, fingerprint, row_count, loaded_at) values (?, ?, ?, ?, now())
                on conflict (kind, location) do update set fingerprint = excluded.fingerprint,
                    row_count = excluded.row_count, loaded_at = excluded.loaded_at""")) {
            record.setString(1, kind);
            record.setString(2, file.toString());
            record.setString(3, fingerprint);
            record.setLong(4, rows);
            record.executeUpdate();
        }
        LOG.infof("Loaded %d %s from %s", rows, kind, file);
        return true;
    }

    private long loadPostcodes(Connection connection, Path file) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temp table incoming_postcode (postcode varchar(8), lad_code varchar(9)) on commit drop");
        }
        CopyWriter copy = CopyWriter.start(connection, "incoming_postcode", "postcode, lad_code");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            int postcodeColumn = column(csv.getHeaderNames(), POSTCODE_COLUMNS, file, "postcode (pcds)");
            int districtColumn = column(csv.getHeaderNames(), DISTRICT_COLUMNS, file, "local authority district (laua)");
            for (CSVRecord record : csv) {
                Optional<String> postcode = Postcodes.normalise(record.get(postcodeColumn));
                String district = record.get(districtColumn).strip();
                // ONS gives pseudo codes (e.g. for the Channel Islands) and blanks for postcodes outside any district.
                if (postcode.isPresent() && district.length() == 9) {
                    copy.field(postcode.get()).field(district).endRow();
                }
            }
            copy.finish();
        } catch (RuntimeException | IOException e) {
            copy.cancel();
            throw e;
        }
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("""
                    insert into postcode_lookup (postcode, lad_code)
                    select distinct on (postcode) postcode, lad_code from incoming_postcode order by postcode
                    on conflict (postcode) do update set lad_code = excluded.lad_code""");
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table incoming_postcode");
            }
        }
    }

    private static void rebuildDistricts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from postcode_district");
            statement.executeUpdate("""
                    insert into postcode_district (outward_code, lad_code, postcode_count, authorities)
                    select split_part(postcode, ' ', 1), case when count(distinct lad_code) = 1 then min(lad_code) end,
                        count(*), count(distinct lad_code)
                    from postcode_lookup group by split_part(postcode, ' ', 1)""");
        }
    }

    private long loadAuthorities(Connection connection, Path file) throws SQLException, IOException {
        long rows = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into local_authority (lad_code, name, region_code, combined_authority_code) values (?, ?, ?, ?)
                        on conflict (lad_code) do update set name = excluded.name, region_code = excluded.region_code,
                            combined_authority_code = excluded.combined_authority_code""")) {
            List<String> headers = csv.getHeaderNames();
            int code = column(headers, AUTHORITY_CODE, file, "district code (lad_code)");
            int name = column(headers, AUTHORITY_NAME, file, "district name (lad_name)");
            int region = optionalColumn(headers, REGION_CODE);
            int combined = optionalColumn(headers, COMBINED_AUTHORITY_CODE);
            for (CSVRecord record : csv) {
                upsert.setString(1, record.get(code).strip());
                upsert.setString(2, record.get(name).strip());
                upsert.setString(3, region < 0 ? null : blankToNull(record.get(region)));
                upsert.setString(4, combined < 0 ? null : blankToNull(record.get(combined)));
                upsert.addBatch();
                rows++;
            }
            upsert.executeBatch();
        }
        return rows;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int column(List<String> headers, List<Pattern> names, Path file, String what) {
        int found = optionalColumn(headers, names);
        if (found < 0) {
            throw new IllegalStateException("Geography file " + file + " has no " + what + " column; headers: " + headers);
        }
        return found;
    }

    private static int optionalColumn(List<String> headers, List<Pattern> names) {
        for (Pattern name : names) {
            for (int i = 0; i < headers.size(); i++) {
                if (name.matcher(headers.get(i).strip().toLowerCase(Locale.ROOT)).matches()) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }

    /** Paths as configured; a '*' in the file name matches several files (postcodes_*_to_lad.csv). */
    static List<Path> resolve(List<String> locations) {
        List<Path> files = new ArrayList<>();
        for (String location : locations) {
            files.addAll(resolve(location));
        }
        return files;
    }

    static List<Path> resolve(String location) {
        Path path = Path.of(location.strip()).toAbsolutePath().normalize();
        String name = path.getFileName().toString();
        if (!name.contains("*")) {
            if (Files.isRegularFile(path)) {
                return List.of(path);
            }
            LOG.warnf("Geography file %s not found; skipped", path);
            return List.of();
        }
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(path.getParent())) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(path.getParent(), name)) {
                stream.forEach(matches::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (matches.isEmpty()) {
            LOG.warnf("No geography file matches %s; skipped", path);
        }
        matches.sort(null);
        return matches;
    }
}

package org.anchornetwork.spend.ingest;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.anchornetwork.common.problem.ProblemError;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One row-level error of a batch: a row and column of a file, or a JSON pointer into a request. */
@Entity
@Table(name = "ingest_batch_error")
public class IngestBatchError extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "batch_id") UUID batchId, @Column(name = "seq") int seq) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "source_row")
    public Long sourceRow;

    @Column(name = "source_column")
    public Integer sourceColumn;

    @Column(length = 200)
    public String pointer;

    @Column(nullable = false, length = 60)
    public String code;

    @Column(nullable = false, length = 500)
    public String message;

    public ProblemError toProblemError() {
        return new ProblemError(pointer, sourceRow, sourceColumn, code, message);
    }
}

package org.anchornetwork.spend.ingest.service;

import java.util.List;

import org.anchornetwork.common.problem.ProblemError;

/** Where a channel's reader puts each row it has read: a payment to store, or the errors that stop it. */
public interface RowSink {

    void accept(IncomingPayment payment);

    /** The row cannot be stored; {@code errors} says where and why (at least one). */
    void reject(List<ProblemError> errors);
}

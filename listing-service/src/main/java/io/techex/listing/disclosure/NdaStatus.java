package io.techex.listing.disclosure;

/** Where a firm's NDA on a listing stands. An accepted NDA is final: nothing withdraws what was disclosed. */
public enum NdaStatus {
    REQUESTED,
    ACCEPTED,
    /** The firm may request again. */
    DECLINED
}

package io.techex.bidding.auction;

/** SCHEDULED until its start, OPEN until its end, then WON or CLOSED_WITHOUT_SALE. */
public enum AuctionStatus { SCHEDULED, OPEN, WON, CLOSED_WITHOUT_SALE }

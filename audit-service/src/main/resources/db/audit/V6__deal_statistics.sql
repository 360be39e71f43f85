-- The market statistics regulators report to the ministry (io.techex.audit.statistics): facts the trail recorder keeps
-- from the events it records, in the same transaction, so that replaying the topics into an empty database rebuilds
-- them as it rebuilds the trail. Each table follows one topic, whose events about one asset arrive in their order;
-- they are joined only when asked, so the order in which the three topics are read does not matter.

-- A listing's field: the IPC section (A-H) of its first IPC class, from ListingDrafted and ListingDraftRevised.
CREATE TABLE statistic_listing (
    listing_id  VARCHAR(255) PRIMARY KEY,
    ipc_section CHAR(1)
);

-- Each version of a contract's terms, from ContractCreated (version 1) and ContractAmended.
CREATE TABLE statistic_contract_version (
    contract_id VARCHAR(255) NOT NULL,
    version     INT          NOT NULL,
    deal_type   VARCHAR(40)  NOT NULL,
    amount      NUMERIC      NOT NULL,
    currency    CHAR(3)      NOT NULL,
    PRIMARY KEY (contract_id, version)
);

-- Each party's country as it signed (its latest ContractSigned on the contract).
CREATE TABLE statistic_contract_party (
    contract_id     VARCHAR(255) NOT NULL,
    organisation_id VARCHAR(200) NOT NULL,
    country         CHAR(2)      NOT NULL,
    PRIMARY KEY (contract_id, organisation_id)
);

-- A deal the statistics count: a contract that took effect (ContractActivated), with the version in force.
CREATE TABLE statistic_deal (
    contract_id            VARCHAR(255) PRIMARY KEY,
    listing_id             VARCHAR(255) NOT NULL,
    seller_organisation_id VARCHAR(200) NOT NULL,
    buyer_organisation_id  VARCHAR(200) NOT NULL,
    version                INT          NOT NULL,
    deal_type              VARCHAR(40)  NOT NULL,
    took_effect_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX statistic_deal_took_effect ON statistic_deal (took_effect_at);

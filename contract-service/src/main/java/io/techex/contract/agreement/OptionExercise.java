package io.techex.contract.agreement;

/**
 * What exercising an option made: the option is EXERCISED and the licence contract, drawn up on the terms the option
 * fixed, is DRAFTING, for both parties to sign as any contract.
 */
public record OptionExercise(String optionContractId, ContractStatus optionStatus, String licenceContractId,
                             ContractStatus licenceStatus) {
}

// The validator's public API.
export { createValidator, createValidatorSync, TextInput, Validator, ValidatorSetupError, type ValidatorOptions, type ValidateOptions } from './validator';
export { toOperationOutcome, issuesOf, hasFailure, type OperationOutcome, type OperationOutcomeIssue } from './outcome/operation-outcome';
export type { ValidationIssue, IssueSeverity, IssueCode } from './outcome/issue';

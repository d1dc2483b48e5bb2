import type { Control } from '../../types';
import * as annexAOwner from './annex-a-owner';
import * as projectEnvironment from './project-environment';
import * as vpcRangesSeparated from './vpc-ranges-separated';
import * as namesUniquePerStage from './names-unique-per-stage';
import * as noSecretLiterals from './no-secret-literals';
import * as noTokenShapes from './no-token-shapes';
import * as subProcessorsDeclared from './sub-processors-declared';
import * as stateBackendEncrypted from './state-backend-encrypted';
import * as stateBackendRemote from './state-backend-remote';

/** Controls across providers: environment separation, secrets, sub-processors, state. */
export const CROSS_CONTROLS: readonly Control[] = [
  annexAOwner.control,
  projectEnvironment.control,
  vpcRangesSeparated.control,
  namesUniquePerStage.control,
  noSecretLiterals.control,
  noTokenShapes.control,
  subProcessorsDeclared.control,
  stateBackendEncrypted.control,
  stateBackendRemote.control,
];

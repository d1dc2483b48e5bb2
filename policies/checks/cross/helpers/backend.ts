/** Reading `terraform_backend` blocks (type `terraform_backend`, address `terraform.backend.KIND`). */
import type { InventoryResource } from '../../../types';

/** Backend kind from the address (`terraform.backend.s3`; fixtures write `terraform_backend.s3`). */
export const backendKind = (backend: InventoryResource): string => backend.address.split('.').pop()!.toLowerCase();

// Deployments and their request bodies.
import { z } from 'zod';

export const deploymentSchema = z.object({
  deploymentName: z.string(),
  modelId: z.string(),
  lastTrainedDateTime: z.string(),
  lastDeployedDateTime: z.string(),
  deploymentExpirationDate: z.string(),
  modelTrainingConfigVersion: z.string(),
  assignedResources: z.array(z.object({ resourceId: z.string(), region: z.string() })).optional(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

/** PUT deployments/{name} body. */
export const createDeploymentOptionsSchema = z.object({ trainedModelLabel: z.string().min(1) });
export type CreateDeploymentOptions = z.infer<typeof createDeploymentOptionsSchema>;

/** POST deployments/:swap body. */
export const swapDeploymentsOptionsSchema = z
  .object({ firstDeploymentName: z.string().min(1), secondDeploymentName: z.string().min(1) })
  .refine((o) => o.firstDeploymentName !== o.secondDeploymentName, {
    message: 'A deployment cannot be swapped with itself',
  });
export type SwapDeploymentsOptions = z.infer<typeof swapDeploymentsOptionsSchema>;

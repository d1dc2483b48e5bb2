import { Project } from '@cdktf/provider-digitalocean/lib/project';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import type { Stage } from '../config/schema';

const ENVIRONMENT: Readonly<Record<Stage, string>> = { dev: 'Development', staging: 'Staging', prod: 'Production' };

export interface EnvironmentProjectProps {
  readonly name: string;
  readonly stage: Stage;
  readonly description: string;
}

/**
 * One DigitalOcean project per environment: the unit an auditor sees in the
 * console, with its stage recorded, holding every resource of that environment.
 */
export class EnvironmentProject extends Construct {
  readonly project: Project;
  private readonly urns: string[] = [];

  constructor(scope: Construct, id: string, props: EnvironmentProjectProps) {
    super(scope, id);
    this.project = new Project(this, 'project', {
      name: props.name,
      environment: ENVIRONMENT[props.stage],
      purpose: 'Web Application',
      description: props.description,
      // Read at synth time, so resources added after construction are included.
      resources: Lazy.listValue({ produce: () => this.urns }),
    });
  }

  /** Puts resources (by URN) into the project. */
  add(...urns: string[]): void {
    this.urns.push(...urns);
  }
}

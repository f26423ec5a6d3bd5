import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'dispatch_policies' })
@Index('uq_dispatch_policies', ['projectId', 'category'], { unique: true })
export class DispatchPolicy {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) projectId: number;
  /** A schedule category code, or '*' for the project's default. */
  @Column({ type: 'varchar', length: 32 }) category: string;
  @Column({ type: 'varchar', length: 8 }) mode: 'assign' | 'pool' | 'auto';
  @Column({ type: 'integer', default: 30 }) poolMinutes: number;
}

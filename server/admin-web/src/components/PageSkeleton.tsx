import { Card, Skeleton } from 'antd';

export function PageSkeleton() {
  return (
    <Card>
      <Skeleton active title paragraph={{ rows: 10 }} />
    </Card>
  );
}

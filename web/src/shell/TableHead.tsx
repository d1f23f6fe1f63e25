import { Th, Thead, Tr } from "@patternfly/react-table";

/** A list table's header row: the columns' names, then the row actions' column, named for screen readers only. */
export function TableHead({ columns, name }: { columns: readonly string[]; name: (column: string) => string }) {
  return (
    <Thead>
      <Tr>
        {columns.map((c) => (
          <Th key={c}>{name(c)}</Th>
        ))}
        <Th screenReaderText={name("actions")} modifier="fitContent" />
      </Tr>
    </Thead>
  );
}

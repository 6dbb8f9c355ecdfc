// The raw baseline of bench/api.ts: Fastify + pg, one indexed single-row lookup, no auth, no framework of ours.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 20) });
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/raw/:id', async (req, reply) => {
  const r = await pool.query(
    'SELECT e.id, e.employee_code, e.name_en, e.name_hi, e.cadre, e.grade, e.pay_level, e.ministry_id, e.entry_date, e.present_grade_date FROM employee e WHERE e.id = $1',
    [req.params.id],
  );
  if (!r.rows[0]) return reply.status(404).send({});
  return r.rows[0];
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log('raw baseline ready');
